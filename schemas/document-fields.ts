/**
 * What officials call the places in their documents, so a refused save says 「第 2 个办事情形的
 * 名称」最多 30 个字符 — not a JSON Pointer. One table of the words for each property, and
 * the containers that give them context.
 */

/** The words for a property, by its key. */
const PROPERTY_NAMES: Record<string, string> = {
  id: '标识',
  code: '事项编码',
  ref: '引用',
  value: '取值',
  name: '名称',
  lead: '牵头单位',
  description: '说明',
  label: '名称',
  question: '问题',
  guide: '情形引导',
  answer: '选择此情形的回答',
  department: '实施主体',
  basis: '设立依据',
  basisNote: '设立依据说明',
  note: '备注',
  text: '说明',
  region: '行政区划',
  target: '办事对象',
  mode: '办理模式',
  promisedDays: '承诺时限',
  legalDays: '法定时限',
  legalDaysBasis: '法定时限依据',
  minimumDays: '本件最短时限',
  minLength: '最短长度',
  maxLength: '最长长度',
  minimum: '最小值',
  maximum: '最大值',
  visits: '到现场次数',
  pattern: '格式规则',
  options: '选项',
  selection: '必选 / 可选',
  matter: '事项',
  scenario: '办事情形',
  eLicense: '电子证照',
  copies: '份数',
  role: '角色',
  disabled: '已停用',
  state: '状态',
  operations: '地方调整',
  scenarios: '办事情形',
  fields: '字段',
  materials: '材料',
  fieldOverrides: '字段调整',
  baseVersion: '基于的省级版本',
  release: '发布次数',
  parameters: '政策参数',
  values: '取值',
  from: '施行日期',
  source: '依据',
  unit: '单位',
  group: '分组',
};

/** The words for an element of a list, by the list's key (n counts from 1). */
const LIST_NAMES: Record<string, (n: number) => string> = {
  scenarios: (n) => `第 ${n} 个办事情形`,
  items: (n) => `第 ${n} 个事项`,
  fields: (n) => `第 ${n} 个字段`,
  materials: (n) => `第 ${n} 份材料`,
  fieldOverrides: (n) => `第 ${n} 项字段调整`,
  operations: (n) => `第 ${n} 条地方调整`,
  elements: (n) => `第 ${n} 个数据元`,
  sections: (n) => `第 ${n} 个分组`,
  options: (n) => `第 ${n} 个选项`,
  parameters: (n) => `第 ${n} 个政策参数`,
  values: (n) => `第 ${n} 个取值`,
};

/** The containers whose own words add nothing (a local field's `local`, a guide's `guide`…). */
const SILENT = new Set(['local', 'guide', 'override', 'result', 'anchor', 'field', 'material']);

/** What officials call the place a JSON Pointer names in a document, e.g. 第 2 个办事情形的名称; undefined for the root. */
export function documentFieldName(pointer: string): string | undefined {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (parts.length === 0) return undefined;
  const words: string[] = [];
  parts.forEach((part, i) => {
    const parent = parts[i - 1];
    if (/^\d+$/.test(part) && parent !== undefined && LIST_NAMES[parent]) words.push(LIST_NAMES[parent](Number(part) + 1));
    else if (/^\d+$/.test(part)) words.push(`第 ${Number(part) + 1} 项`);
    else if (i === parts.length - 1 || !(LIST_NAMES[part] || SILENT.has(part))) words.push(PROPERTY_NAMES[part] ?? part);
    else if (part === 'guide') words.push('情形引导');
  });
  return words.join('的');
}
