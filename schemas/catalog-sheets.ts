/**
 * The matter catalog as three sheets — 事项, 字段, 材料 — the way officials keep their 实施清单,
 * and back. Every column is text or a number an official can edit; what has no tabular form
 * (受理条件, a field's narrowing) is one JSON cell. Reading back gives exactly the matters
 * written (the round trip is lossless) or every problem by sheet, row and column.
 */
import {
  CITATION_KIND_LABELS,
  DELIVERY_LABELS,
  LEVEL_LABELS,
  SCOPE_LABELS,
  SERVICE_TEXT_LABELS,
  basisText,
  parseBasis,
} from './service.ts';
import { DEPENDENCY_LABELS, FIELD_TYPE_LABELS, FORM_LABELS, MATTER_KIND_LABELS, NECESSITY_LABELS, TARGET_LABELS } from './labels.ts';
import type { MatterDependency } from './logic-types.ts';
import type { Delivery, FieldType, Matter, MatterField, MatterMaterial, MatterResult, MatterService } from './types.ts';

/** A cell as sheets hold it. */
export type Cell = string | number | null;

/** One sheet: its name, header row and data rows. */
export interface Sheet {
  name: string;
  header: string[];
  rows: Cell[][];
}

/** A problem in a sheet: the row as the spreadsheet numbers it (the header is row 1) and the column's header. */
export interface SheetProblem {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

export const SHEET_NAMES = { matters: '事项', fields: '字段', materials: '材料' } as const;

const RESULT_KIND_LABELS = { license: '证照', approval: '批复', other: '其他' } as const satisfies Record<MatterResult['kind'], string>;
const YES = '是';
const NO = '否';

/** Thrown by a column's reader: the cell's problem, in words. */
class CellError extends Error {}

const text = (cell: Cell): string => (cell === null ? '' : String(cell).trim());

/** The key of `labels` whose label (or key) the cell holds; blank → undefined. */
function oneOf<K extends string>(labels: Record<K, string>, cell: Cell, what: string): K | undefined {
  const t = text(cell);
  if (!t) return undefined;
  const hit = (Object.keys(labels) as K[]).find((k) => labels[k] === t || k === t);
  if (!hit) throw new CellError(`${what}应为 ${Object.values(labels).join('、')} 之一`);
  return hit;
}

function integer(cell: Cell, what: string, min: number, max: number): number | undefined {
  const t = text(cell);
  if (!t) return undefined;
  const n = Number(t);
  if (!Number.isInteger(n) || n < min || n > max) throw new CellError(`${what}应为 ${min} 到 ${max} 的整数`);
  return n;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined || value === '') throw new CellError(`请填写${what}`);
  return value;
}

function yesNo(cell: Cell, what: string): boolean {
  const t = text(cell);
  if (t === YES) return true;
  if (t === NO || t === '') return false;
  throw new CellError(`${what}应填「是」或「否」`);
}

function json<T>(cell: Cell, what: string): T | undefined {
  const t = text(cell);
  if (!t) return undefined;
  try {
    return JSON.parse(t) as T;
  } catch {
    throw new CellError(`${what}不是有效的 JSON`);
  }
}

/** A column: its header, the cell of a matter (or of one of its rows), and how a cell is read back into the draft. */
interface Column<T, D> {
  header: string;
  write(item: T): Cell;
  read(cell: Cell, draft: D): void;
}

type MatterDraft = Partial<Matter> & { service: MatterService };

const kindLabel = (k: Matter['kind']) => `${k} ${MATTER_KIND_LABELS[k]}`;
const dependencyText = (d: MatterDependency) => `${d.matter} ${DEPENDENCY_LABELS[d.kind]}`;

/** A service element as a column: blank means the province's default; `check` says what a filled cell must look like. */
const serviceText = (
  key: 'fee' | 'place' | 'hours' | 'consultPhone' | 'complaintPhone' | 'onlineUrl',
  header: string,
  check?: { test: RegExp; message: string },
): Column<Matter, MatterDraft> => ({
  header,
  write: (m) => m.service?.[key] ?? null,
  read: (cell, d) => {
    const t = text(cell);
    if (!t) return;
    if (check && !check.test.test(t)) throw new CellError(check.message);
    d.service[key] = t;
  },
});

const PHONE = { test: /^[0-9][0-9-]{2,19}$/, message: '电话号码只能含数字和连字符，如 12333、0512-12333' };

const MATTER_COLUMNS: Column<Matter, MatterDraft>[] = [
  { header: '事项编码', write: (m) => m.code, read: (c, d) => (d.code = required(text(c), '事项编码')) },
  { header: '事项名称', write: (m) => m.name, read: (c, d) => (d.name = required(text(c), '事项名称')) },
  {
    header: '事项类型',
    write: (m) => kindLabel(m.kind),
    read: (c, d) => {
      const code = /^(\d{2})/.exec(text(c))?.[1] as Matter['kind'] | undefined;
      if (!code || !(code in MATTER_KIND_LABELS)) throw new CellError(`事项类型应为「05 行政给付」这样的代码和名称`);
      d.kind = code;
    },
  },
  {
    header: '服务对象',
    write: (m) => TARGET_LABELS[m.target],
    read: (c, d) => (d.target = required(oneOf(TARGET_LABELS, c, '服务对象'), '服务对象')),
  },
  { header: '实施主体', write: (m) => m.department, read: (c, d) => (d.department = required(text(c), '实施主体')) },
  {
    header: '实施层级',
    write: (m) => (m.service?.level ? LEVEL_LABELS[m.service.level] : null),
    read: (c, d) => {
      const level = oneOf(LEVEL_LABELS, c, '实施层级');
      if (level) d.service.level = level;
    },
  },
  {
    header: '实施区划代码（全省通用不填）',
    write: (m) => m.region ?? null,
    read: (c, d) => {
      if (text(c)) d.region = text(c);
    },
  },
  {
    header: '法定时限（工作日，无则填“无”）',
    write: (m) => m.legalDays ?? '无',
    read: (c, d) => (d.legalDays = text(c) === '无' ? null : required(integer(c, '法定时限', 0, 365), '法定时限（无则填“无”）')),
  },
  {
    header: '法定时限依据（法律法规名称和条款）',
    write: (m) => m.legalDaysBasis ?? null,
    read: (c, d) => {
      if (text(c)) d.legalDaysBasis = text(c);
    },
  },
  {
    header: '承诺时限（工作日，即办填0）',
    write: (m) => m.promisedDays,
    read: (c, d) => (d.promisedDays = required(integer(c, '承诺时限', 0, 365), '承诺时限')),
  },
  {
    header: '本件最短时限（工作日，经办机构认可；未约定不填）',
    write: (m) => m.minimumDays ?? null,
    read: (c, d) => {
      if (text(c)) d.minimumDays = required(integer(c, '本件最短时限', 0, 365), '本件最短时限');
    },
  },
  { header: '到现场次数', write: (m) => m.visits, read: (c, d) => (d.visits = required(integer(c, '到现场次数', 0, 10), '到现场次数')) },
  {
    header: '办理结果',
    write: (m) => m.result?.name ?? null,
    read: (c, d) => {
      if (text(c)) d.result = { name: text(c), kind: 'other' };
    },
  },
  {
    header: '结果类型',
    write: (m) => (m.result ? RESULT_KIND_LABELS[m.result.kind] : null),
    read: (c, d) => {
      const kind = oneOf(RESULT_KIND_LABELS, c, '结果类型');
      if (kind && !d.result) throw new CellError('填写了结果类型，却没有办理结果');
      if (kind) d.result!.kind = kind;
    },
  },
  {
    header: '结果作为材料（材料标识）',
    write: (m) => m.result?.material ?? null,
    read: (c, d) => {
      if (!text(c)) return;
      if (!d.result) throw new CellError('填写了结果材料，却没有办理结果');
      d.result.material = text(c);
    },
  },
  {
    header: '设立依据',
    write: (m) => basisText(m.basis) || null,
    read: (c, d) => {
      const parsed = parseBasis(text(c));
      if (!Array.isArray(parsed)) {
        d.basis = []; // unreadable: the 依据种类 column is not checked against it
        throw new CellError(`第 ${parsed.invalid + 1} 条依据应写作《名称》（文号）条款，多条以「；」分隔`);
      }
      if (parsed.length) d.basis = parsed;
    },
  },
  {
    header: '设立依据说明（依据为空时）',
    write: (m) => m.basisNote ?? null,
    read: (c, d) => {
      if (text(c)) d.basisNote = text(c);
    },
  },
  {
    header: '依据种类',
    write: (m) => (m.basis ?? []).map((c) => CITATION_KIND_LABELS[c.kind]).join('；') || null,
    read: (c, d) => {
      const kinds = text(c) ? text(c).split('；') : [];
      if (!d.basis) {
        if (kinds.length) throw new CellError('填写了依据种类，却没有设立依据');
        return;
      }
      if (!d.basis.length) return;
      if (kinds.length && kinds.length !== d.basis.length) throw new CellError(`依据种类应与设立依据一一对应（${d.basis.length} 条）`);
      kinds.forEach((k, i) => (d.basis![i]!.kind = required(oneOf(CITATION_KIND_LABELS, k, '依据种类'), '依据种类')));
    },
  },
  serviceText('fee', '收费（不收费则不填）'),
  serviceText('place', '办理地点'),
  serviceText('hours', '办理时间'),
  serviceText('consultPhone', '咨询电话', PHONE),
  serviceText('complaintPhone', '投诉电话', PHONE),
  serviceText('onlineUrl', '网办入口', { test: /^https:\/\/\S+$/, message: '网办入口应为 https:// 开头的网址' }),
  {
    header: '通办范围',
    write: (m) => (m.service?.scope ? SCOPE_LABELS[m.service.scope] : null),
    read: (c, d) => {
      const scope = oneOf(SCOPE_LABELS, c, '通办范围');
      if (scope) d.service.scope = scope;
    },
  },
  {
    header: '结果送达',
    write: (m) => (m.service?.delivery ?? []).map((x) => DELIVERY_LABELS[x]).join('、') || null,
    read: (c, d) => {
      const list = text(c) ? text(c).split('、') : [];
      if (list.length) d.service.delivery = list.map((x) => required(oneOf(DELIVERY_LABELS, x, '结果送达'), '结果送达') as Delivery);
    },
  },
  {
    header: '前置事项',
    write: (m) => (m.dependsOn ?? []).map(dependencyText).join('；') || null,
    read: (c, d) => {
      const list = text(c) ? text(c).split('；') : [];
      if (!list.length) return;
      d.dependsOn = list.map((entry) => {
        const [matter = '', label = ''] = entry.trim().split(/\s+/);
        const kind = (Object.keys(DEPENDENCY_LABELS) as MatterDependency['kind'][]).find((k) => DEPENDENCY_LABELS[k] === label);
        if (!matter || !kind)
          throw new CellError(`前置事项应写作「事项编码 ${Object.values(DEPENDENCY_LABELS).join('/')}」，多个以「；」分隔`);
        return { matter, kind };
      });
    },
  },
  {
    header: '受理条件（JSON）',
    write: (m) => (m.rules?.length ? JSON.stringify(m.rules) : null),
    read: (c, d) => {
      const rules = json<Matter['rules']>(c, '受理条件');
      if (rules) d.rules = rules;
    },
  },
];

/** A row of the 字段 sheet: the matter and one of its fields. */
type FieldRow = { code: string; field: MatterField };
type FieldDraft = {
  code?: string;
  ref?: string;
  label?: string;
  localId?: string;
  type?: FieldType;
  pii?: boolean;
  required?: boolean;
  extra?: Record<string, unknown>;
};

const FIELD_COLUMNS = (labelOf: (ref: string) => string): Column<FieldRow, FieldDraft>[] => [
  { header: '事项编码', write: (r) => r.code, read: (c, d) => (d.code = required(text(c), '事项编码')) },
  {
    header: '数据元标识（专用字段不填）',
    write: (r) => ('ref' in r.field ? r.field.ref : null),
    read: (c, d) => void (text(c) && (d.ref = text(c))),
  },
  {
    header: '字段名称',
    write: (r) => ('ref' in r.field ? labelOf(r.field.ref) : r.field.local.label),
    read: (c, d) => void (text(c) && (d.label = text(c))),
  },
  {
    header: '专用字段标识',
    write: (r) => ('local' in r.field ? r.field.local.id : null),
    read: (c, d) => void (text(c) && (d.localId = text(c))),
  },
  {
    header: '专用字段类型',
    write: (r) => ('local' in r.field ? FIELD_TYPE_LABELS[r.field.local.type] : null),
    read: (c, d) => void (d.type = oneOf(FIELD_TYPE_LABELS, c, '专用字段类型')),
  },
  {
    header: '个人信息',
    write: (r) => ('local' in r.field && r.field.local.pii ? YES : null),
    read: (c, d) => void (d.pii = yesNo(c, '个人信息')),
  },
  { header: '必填', write: (r) => (r.field.required ? YES : NO), read: (c, d) => void (d.required = yesNo(c, '必填')) },
  {
    header: '限定（JSON）',
    write: (r) => {
      if ('ref' in r.field) return r.field.override ? JSON.stringify(r.field.override) : null;
      const { id: _id, label: _label, type: _type, pii: _pii, ...rest } = r.field.local;
      return Object.keys(rest).length ? JSON.stringify(rest) : null;
    },
    read: (c, d) => void (d.extra = json<Record<string, unknown>>(c, '限定')),
  },
];

function fieldOf(d: FieldDraft): MatterField {
  if (d.ref) {
    if (d.localId) throw new CellError('数据元字段不填专用字段标识');
    return d.extra ? { ref: d.ref, required: d.required ?? false, override: d.extra } : { ref: d.ref, required: d.required ?? false };
  }
  const id = required(d.localId, '数据元标识或专用字段标识');
  const local = {
    id,
    label: required(d.label, '专用字段的名称'),
    type: required(d.type, '专用字段类型'),
    ...(d.pii ? { pii: true } : {}),
    ...d.extra,
  };
  return { local: local as Extract<MatterField, { local: unknown }>['local'], required: d.required ?? false };
}

type MaterialRow = { code: string; material: MatterMaterial };
type MaterialDraft = Partial<MatterMaterial> & { code?: string };

const MATERIAL_COLUMNS = (nameOf: (ref: string) => string): Column<MaterialRow, MaterialDraft>[] => [
  { header: '事项编码', write: (r) => r.code, read: (c, d) => (d.code = required(text(c), '事项编码')) },
  { header: '材料标识', write: (r) => r.material.ref, read: (c, d) => (d.ref = required(text(c), '材料标识')) },
  { header: '材料名称（仅供阅读）', write: (r) => nameOf(r.material.ref), read: () => undefined },
  {
    header: '必要性',
    write: (r) => NECESSITY_LABELS[r.material.necessity],
    read: (c, d) => (d.necessity = required(oneOf(NECESSITY_LABELS, c, '必要性'), '必要性')),
  },
  {
    header: '形式',
    write: (r) => FORM_LABELS[r.material.form],
    read: (c, d) => (d.form = required(oneOf(FORM_LABELS, c, '形式'), '形式')),
  },
  { header: '份数', write: (r) => r.material.copies, read: (c, d) => (d.copies = required(integer(c, '份数', 0, 20), '份数')) },
  {
    header: '告知承诺',
    write: (r) => (r.material.commitment ? YES : NO),
    read: (c, d) => void (yesNo(c, '告知承诺') && (d.commitment = true)),
  },
  {
    header: '电子证照',
    write: (r) => (r.material.eLicense ? YES : NO),
    read: (c, d) => void (yesNo(c, '电子证照') && (d.eLicense = true)),
  },
  {
    header: '容缺补交期限（工作日）',
    write: (r) => r.material.remedyDays ?? null,
    read: (c, d) => {
      const days = integer(c, '容缺补交期限', 1, 60);
      if (days !== undefined) d.remedyDays = days;
    },
  },
  { header: '说明', write: (r) => r.material.note ?? null, read: (c, d) => void (text(c) && (d.note = text(c))) },
];

/** How the sheets name data elements and materials for readers. */
export interface SheetNames {
  element(id: string): string;
  material(id: string): string;
}

/** The matters as the three sheets, in the matters' order, fields and materials in each matter's order. */
export function catalogSheets(matters: readonly Matter[], names: SheetNames): Sheet[] {
  const fieldColumns = FIELD_COLUMNS(names.element);
  const materialColumns = MATERIAL_COLUMNS(names.material);
  return [
    {
      name: SHEET_NAMES.matters,
      header: MATTER_COLUMNS.map((c) => c.header),
      rows: matters.map((m) => MATTER_COLUMNS.map((c) => c.write(m))),
    },
    {
      name: SHEET_NAMES.fields,
      header: fieldColumns.map((c) => c.header),
      rows: matters.flatMap((m) => m.fields.map((field) => fieldColumns.map((c) => c.write({ code: m.code, field })))),
    },
    {
      name: SHEET_NAMES.materials,
      header: materialColumns.map((c) => c.header),
      rows: matters.flatMap((m) => m.materials.map((material) => materialColumns.map((c) => c.write({ code: m.code, material })))),
    },
  ];
}

/** Puts problems in the order a reader meets them: by sheet (事项, 字段, 材料), then by row. */
export function sortSheetProblems(problems: SheetProblem[]): void {
  const order = Object.values(SHEET_NAMES) as string[];
  problems.sort((a, b) => order.indexOf(a.sheet) - order.indexOf(b.sheet) || a.row - b.row);
}

/** Where each matter came from, to name the row of a problem found later (by the schema or the permissions). */
export interface SheetOrigin {
  row: number;
  fields: number[];
  materials: number[];
}

/** Reads one sheet's rows into drafts, with each cell's problem; blank rows are skipped. */
function readRows<D>(sheet: Sheet | undefined, name: string, columns: Column<never, D>[], make: () => D, problems: SheetProblem[]) {
  const out: { row: number; draft: D }[] = [];
  if (!sheet) {
    problems.push({ sheet: name, row: 1, column: '', message: `缺少工作表「${name}」` });
    return out;
  }
  const at = columns.map((c) => sheet.header.findIndex((h) => text(h) === c.header));
  columns.forEach((c, i) => {
    if (at[i] === -1) problems.push({ sheet: name, row: 1, column: c.header, message: `缺少列「${c.header}」` });
  });
  if (at.includes(-1)) return out;
  sheet.rows.forEach((cells, index) => {
    if (cells.every((c) => text(c) === '')) return;
    const row = index + 2;
    const draft = make();
    columns.forEach((c, i) => {
      try {
        c.read(cells[at[i]!] ?? null, draft);
      } catch (e) {
        if (!(e instanceof CellError)) throw e;
        problems.push({ sheet: name, row, column: c.header, message: e.message });
      }
    });
    out.push({ row, draft });
  });
  return out;
}

/** The matters the sheets hold, in the order of the 事项 sheet; or every problem found reading them. */
export function readCatalogSheets(sheets: readonly Sheet[]): {
  matters: Matter[];
  origins: Map<string, SheetOrigin>;
  problems: SheetProblem[];
} {
  const problems: SheetProblem[] = [];
  const byName = (n: string) => sheets.find((s) => s.name === n);
  const matterRows = readRows(
    byName(SHEET_NAMES.matters),
    SHEET_NAMES.matters,
    MATTER_COLUMNS as Column<never, MatterDraft>[],
    () => ({ service: {} }) as MatterDraft,
    problems,
  );
  const fieldRows = readRows(
    byName(SHEET_NAMES.fields),
    SHEET_NAMES.fields,
    FIELD_COLUMNS(() => '') as Column<never, FieldDraft>[],
    (): FieldDraft => ({}),
    problems,
  );
  const materialRows = readRows(
    byName(SHEET_NAMES.materials),
    SHEET_NAMES.materials,
    MATERIAL_COLUMNS(() => '') as Column<never, MaterialDraft>[],
    (): MaterialDraft => ({}),
    problems,
  );

  const matters = new Map<string, Matter>();
  const origins = new Map<string, SheetOrigin>();
  for (const { row, draft } of matterRows) {
    if (!draft.code) continue;
    if (matters.has(draft.code)) {
      problems.push({ sheet: SHEET_NAMES.matters, row, column: '事项编码', message: `事项编码 ${draft.code} 重复` });
      continue;
    }
    const { service, ...rest } = draft;
    const m = { ...rest, fields: [], materials: [] } as unknown as Matter;
    if (Object.keys(service).length) m.service = service;
    matters.set(draft.code, m);
    origins.set(draft.code, { row, fields: [], materials: [] });
  }
  const owner = (code: string | undefined, sheet: string, row: number) => {
    const m = code ? matters.get(code) : undefined;
    if (code && !m) problems.push({ sheet, row, column: '事项编码', message: `事项 ${code} 不在「${SHEET_NAMES.matters}」工作表中` });
    return m;
  };
  for (const { row, draft } of fieldRows) {
    const m = owner(draft.code, SHEET_NAMES.fields, row);
    if (!m) continue;
    try {
      m.fields.push(fieldOf(draft));
      origins.get(m.code)!.fields.push(row);
    } catch (e) {
      if (!(e instanceof CellError)) throw e;
      problems.push({ sheet: SHEET_NAMES.fields, row, column: '数据元标识（专用字段不填）', message: e.message });
    }
  }
  for (const { row, draft } of materialRows) {
    const m = owner(draft.code, SHEET_NAMES.materials, row);
    if (!m || !draft.ref) continue;
    const { code: _code, ...material } = draft;
    m.materials.push(material as MatterMaterial);
    origins.get(m.code)!.materials.push(row);
  }
  sortSheetProblems(problems);
  return { matters: [...matters.values()], origins, problems };
}

/** The column of each property of a field or material row, to place a document problem in its cell. */
const FIELD_COLUMN_OF: Record<string, string> = {
  ref: '数据元标识（专用字段不填）',
  required: '必填',
  override: '限定（JSON）',
  local: '限定（JSON）',
};
const MATERIAL_COLUMN_OF: Record<string, string> = {
  ref: '材料标识',
  necessity: '必要性',
  form: '形式',
  copies: '份数',
  commitment: '告知承诺',
  eLicense: '电子证照',
  remedyDays: '容缺补交期限（工作日）',
  note: '说明',
};

/** The matter property each 事项 column holds (by the column's first words), to place a document problem in its cell. */
const COLUMN_OF: Record<string, string> = {
  code: '事项编码',
  name: '事项名称',
  kind: '事项类型',
  target: '服务对象',
  department: '实施主体',
  region: '实施区划',
  legalDays: '法定时限',
  legalDaysBasis: '法定时限依据',
  promisedDays: '承诺时限',
  minimumDays: '本件最短时限',
  visits: '到现场次数',
  result: '办理结果',
  basis: '设立依据',
  basisNote: '设立依据说明',
  dependsOn: '前置事项',
  rules: '受理条件',
};
const SERVICE_COLUMN_OF: Record<string, string> = { level: '实施层级', ...SERVICE_TEXT_LABELS };

/** Where in the sheets a problem at `path` of a matter's document lies (the matter's row when no finer place is known). */
export function sheetPlace(origin: SheetOrigin, path: string): Omit<SheetProblem, 'message'> {
  const [, top = '', index, property = ''] = path.split('/');
  const row = (rows: number[]) => (index !== undefined ? rows[Number(index)] : undefined);
  if (top === 'fields' && row(origin.fields) !== undefined)
    return { sheet: SHEET_NAMES.fields, row: row(origin.fields)!, column: FIELD_COLUMN_OF[property] ?? '数据元标识（专用字段不填）' };
  if (top === 'materials' && row(origin.materials) !== undefined)
    return { sheet: SHEET_NAMES.materials, row: row(origin.materials)!, column: MATERIAL_COLUMN_OF[property] ?? '材料标识' };
  const start = top === 'service' ? SERVICE_COLUMN_OF[index ?? ''] : COLUMN_OF[top];
  const column = MATTER_COLUMNS.find((c) => start && c.header.startsWith(start))?.header ?? '';
  return { sheet: SHEET_NAMES.matters, row: origin.row, column };
}
