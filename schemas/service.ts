/**
 * The 办事指南 elements of a matter in words: its 设立依据 as one line of citations (and
 * back, for spreadsheets), and its service elements with the province's defaults filled in —
 * 不收费, 12333 to ask, 12345 to complain, 江苏政务服务网 — so a matter states only what differs.
 */
import type { AgencyLevel, Citation, Delivery, Matter, ServiceScope } from './types.ts';

/** 实施主体层级. */
export const LEVEL_LABELS = { province: '省级', city: '设区市级', county: '县（市、区）级' } as const satisfies Record<AgencyLevel, string>;

/** 通办范围. */
export const SCOPE_LABELS = { national: '全国通办', province: '全省通办', city: '全市通办', none: '不通办' } as const satisfies Record<
  ServiceScope,
  string
>;

/** 结果送达方式. */
export const DELIVERY_LABELS = { window: '窗口领取', mail: '邮寄送达', online: '网上获取' } as const satisfies Record<Delivery, string>;

/** 设立依据的种类. */
export const CITATION_KIND_LABELS = { law: '法律法规规章', document: '规范性文件' } as const satisfies Record<Citation['kind'], string>;

/** The 人社 consultation hotline (咨询). */
export const HOTLINE = '12333';

/** The 政务服务便民热线, where complaints about a service go (投诉), apart from the consultation line. */
export const COMPLAINT_LINE = '12345';

/**
 * 救济途径: how an applicant contests a refusal or a decision, with the laws that set the time
 * limits (行政复议法 2023 修订 第二十条; 行政诉讼法 第四十六条).
 */
export const REMEDY_TEXT =
  '对不予受理决定或办理结果不服的，可以自知道或者应当知道该行政行为之日起六十日内依法申请行政复议（《中华人民共和国行政复议法》第二十条），' +
  '或者自知道或者应当知道作出行政行为之日起六个月内依法提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条）。';

/** The province's online service portal. */
export const ONLINE_PORTAL = 'https://www.jszwfw.gov.cn/';

/** A matter's service elements in words, defaults filled in; every value is a sentence a clerk can read out. */
export interface ServiceText {
  fee: string;
  place: string;
  hours: string;
  consultPhone: string;
  complaintPhone: string;
  onlineUrl: string;
  scope: string;
  delivery: string;
}

/** What a guide calls each service element. */
export const SERVICE_TEXT_LABELS = {
  place: '办理地点',
  hours: '办理时间',
  fee: '收费',
  onlineUrl: '网办入口',
  consultPhone: '咨询电话',
  complaintPhone: '投诉电话',
  scope: '通办范围',
  delivery: '结果送达',
} as const satisfies Record<keyof ServiceText, string>;

/** The service elements of `m` in words, the province's defaults where the matter states none. */
export function serviceOf(m: Pick<Matter, 'service' | 'department'>): ServiceText {
  const s = m.service ?? {};
  return {
    fee: s.fee ?? '不收费',
    place: s.place ?? `所在地${m.department}服务窗口或政务服务中心人社综合窗口（就近办理）`,
    hours: s.hours ?? '法定工作日，具体以办理地点公布的时间为准',
    consultPhone: s.consultPhone ?? HOTLINE,
    complaintPhone: s.complaintPhone ?? COMPLAINT_LINE,
    onlineUrl: s.onlineUrl ?? ONLINE_PORTAL,
    scope: s.scope ? SCOPE_LABELS[s.scope] : '—',
    delivery: s.delivery?.length ? s.delivery.map((d) => DELIVERY_LABELS[d]).join('、') : '—',
  };
}

/** One citation as it is written: 《名称》（文号）条款. */
export function citationText(c: Citation): string {
  return `《${c.title}》${c.docNo ? `（${c.docNo}）` : ''}${c.articles ?? ''}`;
}

/** 设立依据 as one line: citations joined by 「；」. */
export function basisText(basis: readonly Citation[] | undefined): string {
  return (basis ?? []).map(citationText).join('；');
}

const CITATION = /^《([^《》]+)》(?:（([^《》（）]+)）)?([^《》（）；]*)$/;

/** Documents (规范性文件) carry a 文号 with 〔year〕; a law, regulation or rule does not. */
const DOCUMENT_NUMBER = /〔\d{4}〕/;

/**
 * Reads a line of citations back (a spreadsheet cell): the inverse of `basisText` when
 * `kinds` gives each citation's kind (else a 文号 with 〔year〕 makes it a 规范性文件).
 * Returns the index of the first part that is not a citation instead.
 */
export function parseBasis(text: string, kinds: readonly Citation['kind'][] = []): Citation[] | { invalid: number } {
  const parts = text.trim() ? text.trim().split('；') : [];
  const out: Citation[] = [];
  for (const [i, part] of parts.entries()) {
    const m = CITATION.exec(part.trim());
    if (!m) return { invalid: i };
    const c: Citation = { kind: kinds[i] ?? (m[2] && DOCUMENT_NUMBER.test(m[2]) ? 'document' : 'law'), title: m[1]! };
    if (m[2]) c.docNo = m[2];
    if (m[3]) c.articles = m[3];
    out.push(c);
  }
  return out;
}
