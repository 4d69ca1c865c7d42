import { describe, expect, it } from 'vitest';
import { basisText, parseBasis } from '../../../schemas/index.ts';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';

/** 设立依据 of the shipped matters: real laws with the right articles, and no local document cited without its 文号. */
const defs = loadDefinitions();
const basis = (code: string) => basisText(defs.matters.find((m) => m.code === code)!.basis);

describe('设立依据', () => {
  it.each([
    ['JSRS-SY-0102', ['《失业保险条例》第二十条', '《中华人民共和国社会保险法》第四十九条'], ['第十五条']],
    ['JSRS-RS-0106', ['《事业单位人事管理条例》第三章、第四章'], ['第二章']],
    ['JSRS-GS-0103', ['第三十四条'], []],
    ['JSRS-JY-0301', ['《中华人民共和国就业促进法》第三十五条'], ['第六十一条']],
    ['JSRS-YL-0303', ['《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）'], ['城乡养老保险制度衔接']],
    ['JSRS-YL-0101', ['《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》'], []],
    ['JSRS-YL-0103', ['《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》', '劳社部发〔1999〕8号'], []],
    ['JSRS-SK-0101', ['《“中华人民共和国社会保障卡”管理办法》（人社部发〔2011〕47号）'], ['《社会保障卡管理办法》']],
    ['JSRS-SK-0102', ['《“中华人民共和国社会保障卡”管理办法》（人社部发〔2011〕47号）'], ['《社会保障卡管理办法》']],
  ])('%s cites what applies', (code, has, hasNot) => {
    for (const s of has) expect(basis(code)).toContain(s);
    for (const s of hasNot) expect(basis(code)).not.toContain(s);
  });

  it('cites a provincial or city document only with its 文号 (a 条例 passed by the people’s congress needs none)', () => {
    for (const m of defs.matters)
      for (const doc of basisText(m.basis).split('；')) {
        if (!/《(江苏|苏州|南京|无锡)/.test(doc) || /条例》/.test(doc)) continue;
        expect(doc, m.code).toMatch(/（[^）]*〔\d{4}〕\d+号）|令第\d+号/);
      }
  });

  it('fills every 设立依据, or explains why it is empty', () => {
    for (const m of defs.matters) expect(m.basis?.length || m.basisNote, m.code).toBeTruthy();
    for (const code of ['JSRS-CY-0301', 'JSRS-CY-0302', 'JSRS-CY-0303', 'JSRS-CY-0304', 'JSRS-CY-0305']) {
      const m = defs.matters.find((x) => x.code === code)!;
      expect(m.basis, code).toBeUndefined();
      expect(m.basisNote, code).toContain('江苏省');
    }
  });

  it('cites no expired plan', () => {
    for (const m of defs.matters) expect(basisText(m.basis), m.code).not.toContain('国办发〔2019〕24号');
  });

  it('writes a 文号 without stray spaces', () => {
    for (const m of defs.matters) expect(basisText(m.basis), m.code).not.toMatch(/〔\d{4}〕\s*\d+\s+号/);
  });

  it('states whether each citation is a law or a normative document, and a document by its 文号 when it has one', () => {
    for (const m of defs.matters)
      for (const c of m.basis ?? []) if (c.docNo && /〔\d{4}〕/.test(c.docNo)) expect(c.kind, `${m.code} ${c.title}`).toBe('document');
  });

  it('reads back from one line of text exactly as written (the spreadsheet cell)', () => {
    for (const m of defs.matters) {
      const basis = m.basis ?? [];
      expect(parseBasis(basisText(basis), basis.map((c) => c.kind)), m.code).toEqual(basis);
    }
    expect(parseBasis('工伤保险条例第三十条')).toEqual({ invalid: 0 });
    expect(parseBasis('《工伤保险条例》第三十条；《失业保险条例》（国务院令第258号）第十四条')).toEqual([
      { kind: 'law', title: '工伤保险条例', articles: '第三十条' },
      { kind: 'law', title: '失业保险条例', docNo: '国务院令第258号', articles: '第十四条' },
    ]);
  });
});
