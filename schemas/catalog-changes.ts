/**
 * What changed between two revisions of a catalog document, in the words of the officials
 * who keep it: a data element's length or options, a material's 电子证照, a year's holidays, a
 * 政策参数's dated values,
 * a matter's time limits, basis, fields and materials. Bundles and variants have their own
 * business diff over the compiled result (diff.ts); this one reads the documents.
 */
import type { DocumentKind } from './documents.ts';
import { FIELD_TYPE_LABELS, FORM_LABELS, legalDaysText, MATERIAL_KIND_LABELS, NECESSITY_LABELS } from './labels.ts';
import { basisText, SERVICE_TEXT_LABELS, serviceOf } from './service.ts';
import type {
  Definitions,
  DictionaryElement,
  Dictionary,
  FieldConstraints,
  MaterialDefinition,
  MaterialsDictionary,
  Matter,
  MatterField,
  MatterMaterial,
  ParameterValue,
  PolicyParameters,
  WorkCalendar,
} from './types.ts';
import { valueText } from './parameters.ts';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const range = (min: unknown, max: unknown) => (min === undefined && max === undefined ? '不限' : `${min ?? '不限'}–${max ?? '不限'}`);
const yesNo = (v: unknown) => (v ? '是' : '否');

/** A field's constraints in words, one entry per aspect that differs between `a` and `b`. */
function constraintChanges(a: FieldConstraints, b: FieldConstraints): string[] {
  const out: string[] = [];
  if (a.type !== b.type) out.push(`类型 ${a.type ? FIELD_TYPE_LABELS[a.type] : '—'} → ${b.type ? FIELD_TYPE_LABELS[b.type] : '—'}`);
  if (a.format !== b.format) out.push(`格式 ${a.format ?? '无'} → ${b.format ?? '无'}`);
  if (a.pattern !== b.pattern) out.push(`格式规则 ${a.pattern ?? '无'} → ${b.pattern ?? '无'}`);
  if (a.minLength !== b.minLength || a.maxLength !== b.maxLength)
    out.push(`长度 ${range(a.minLength, a.maxLength)} → ${range(b.minLength, b.maxLength)}`);
  if (a.minimum !== b.minimum || a.maximum !== b.maximum)
    out.push(`取值范围 ${range(a.minimum, a.maximum)} → ${range(b.minimum, b.maximum)}`);
  if (!same(a.options, b.options)) {
    const before = new Map((a.options ?? []).map((o) => [o.value, o.label]));
    const after = new Map((b.options ?? []).map((o) => [o.value, o.label]));
    const added = [...after].filter(([v]) => !before.has(v)).map(([, l]) => l);
    const removed = [...before].filter(([v]) => !after.has(v)).map(([, l]) => l);
    const renamed = [...after].filter(([v, l]) => before.has(v) && before.get(v) !== l).map(([v, l]) => `${before.get(v)} → ${l}`);
    if (added.length) out.push(`增加选项 ${added.join('、')}`);
    if (removed.length) out.push(`删除选项 ${removed.join('、')}`);
    if (renamed.length) out.push(`选项改名 ${renamed.join('、')}`);
    if (!added.length && !removed.length && !renamed.length) out.push('选项顺序调整');
  }
  return out;
}

/** Items of two lists matched by key: added, removed, and pairs present in both. */
function byKey<T>(a: readonly T[], b: readonly T[], key: (x: T) => string) {
  const before = new Map(a.map((x) => [key(x), x]));
  const after = new Map(b.map((x) => [key(x), x]));
  return {
    added: [...after].filter(([k]) => !before.has(k)).map(([, x]) => x),
    removed: [...before].filter(([k]) => !after.has(k)).map(([, x]) => x),
    both: [...after].filter(([k]) => before.has(k)).map(([k, x]) => [before.get(k)!, x] as const),
  };
}

function elementChanges(a: DictionaryElement, b: DictionaryElement): string[] {
  const out: string[] = [];
  if (a.label !== b.label) out.push(`名称 ${a.label} → ${b.label}`);
  out.push(...constraintChanges(a, b));
  if (!!a.pii !== !!b.pii) out.push(`个人信息 ${yesNo(a.pii)} → ${yesNo(b.pii)}`);
  if ((a.description ?? '') !== (b.description ?? '')) out.push('说明有修改');
  if (!same(a.example, b.example)) out.push('示例值有修改');
  return out;
}

function dictionaryChanges(a: Dictionary, b: Dictionary): string[] {
  const out: string[] = [];
  const sections = byKey(a.sections, b.sections, (s) => s.id);
  for (const s of sections.added) out.push(`新增分组「${s.label}」`);
  for (const s of sections.removed) out.push(`删除分组「${s.label}」`);
  for (const [x, y] of sections.both) if (x.label !== y.label) out.push(`分组「${x.label}」改名为「${y.label}」`);
  const elements = byKey(a.elements, b.elements, (e) => e.id);
  for (const e of elements.added) out.push(`新增数据元「${e.label}」（${e.id}）`);
  for (const e of elements.removed) out.push(`删除数据元「${e.label}」（${e.id}）`);
  for (const [x, y] of elements.both) {
    const c = elementChanges(x, y);
    if (c.length) out.push(`数据元「${x.label}」：${c.join('；')}`);
  }
  return out;
}

function materialDefinitionChanges(a: MaterialDefinition, b: MaterialDefinition): string[] {
  const out: string[] = [];
  if (a.name !== b.name) out.push(`名称 ${a.name} → ${b.name}`);
  if (a.kind !== b.kind) out.push(`种类 ${MATERIAL_KIND_LABELS[a.kind]} → ${MATERIAL_KIND_LABELS[b.kind]}`);
  if (a.eLicense !== b.eLicense) out.push(`电子证照 ${a.eLicense ?? '无'} → ${b.eLicense ?? '无'}`);
  if (a.dataSharing !== b.dataSharing) out.push(`数据共享 ${a.dataSharing ?? '无'} → ${b.dataSharing ?? '无'}`);
  if (!!a.commitment !== !!b.commitment) out.push(`可告知承诺 ${yesNo(a.commitment)} → ${yesNo(b.commitment)}`);
  if (!!a.roster !== !!b.roster) out.push(`可由职工名单代替 ${yesNo(a.roster)} → ${yesNo(b.roster)}`);
  if ((a.description ?? '') !== (b.description ?? '')) out.push('说明有修改');
  return out;
}

function materialsChanges(a: MaterialsDictionary, b: MaterialsDictionary): string[] {
  const out: string[] = [];
  const list = byKey(a.materials, b.materials, (m) => m.id);
  for (const m of list.added) out.push(`新增材料「${m.name}」`);
  for (const m of list.removed) out.push(`删除材料「${m.name}」`);
  for (const [x, y] of list.both) {
    const c = materialDefinitionChanges(x, y);
    if (c.length) out.push(`材料「${x.name}」：${c.join('；')}`);
  }
  return out;
}

function calendarChanges(a: WorkCalendar, b: WorkCalendar): string[] {
  const out: string[] = [];
  const years = (c: WorkCalendar) => new Set(c.years);
  for (const y of b.years) if (!years(a).has(y)) out.push(`新增 ${y} 年`);
  for (const y of a.years) if (!years(b).has(y)) out.push(`删除 ${y} 年`);
  const list = (label: string, x: readonly string[], y: readonly string[]) => {
    const added = y.filter((d) => !x.includes(d));
    const removed = x.filter((d) => !y.includes(d));
    if (added.length) out.push(`${label}增加 ${added.join('、')}`);
    if (removed.length) out.push(`${label}减少 ${removed.join('、')}`);
  };
  list('节假日', a.holidays, b.holidays);
  list('调休上班日', a.workdays, b.workdays);
  const provisional = (c: WorkCalendar) => new Set(c.provisional ?? []);
  for (const y of b.years) {
    if (provisional(a).has(y) && !provisional(b).has(y)) out.push(`${y} 年由暂定改为正式（按国务院办公厅公布的安排）`);
    if (!provisional(a).has(y) && provisional(b).has(y) && years(a).has(y)) out.push(`${y} 年改为暂定`);
  }
  return out;
}

function parametersChanges(a: PolicyParameters, b: PolicyParameters): string[] {
  const out: string[] = [];
  const list = byKey(a.parameters, b.parameters, (p) => p.name);
  for (const p of list.added) out.push(`新增参数「${p.label}」`);
  for (const p of list.removed) out.push(`删除参数「${p.label}」`);
  const say = (v: ParameterValue, unit: string) => `自 ${v.from} 起 ${valueText(v.value, unit)}`;
  for (const [x, y] of list.both) {
    const c: string[] = [];
    if (x.label !== y.label) c.push(`名称改为「${y.label}」`);
    if (x.unit !== y.unit) c.push(`单位由「${x.unit}」改为「${y.unit}」`);
    const values = byKey(x.values, y.values, (v) => v.from);
    for (const v of values.added) c.push(`新增取值 ${say(v, y.unit)}（${v.source}）`);
    for (const v of values.removed) c.push(`删除取值 ${say(v, x.unit)}`);
    for (const [v, w] of values.both) {
      if (v.value !== w.value) c.push(`自 ${v.from} 起的取值由 ${v.value} 改为 ${w.value}`);
      if (v.source !== w.source) c.push(`自 ${v.from} 起的取值依据改为「${w.source}」`);
    }
    if ((x.description ?? '') !== (y.description ?? '')) c.push('说明有修改');
    if (c.length) out.push(`参数「${y.label}」：${c.join('；')}`);
  }
  return out;
}

const fieldKey = (f: MatterField) => ('ref' in f ? f.ref : `local:${f.local.id}`);

function matterChanges(a: Matter, b: Matter, names: NameOf): string[] {
  const out: string[] = [];
  const scalar = (label: string, x: unknown, y: unknown) => x !== y && out.push(`${label} ${String(x)} → ${String(y)}`);
  scalar('名称', a.name, b.name);
  scalar('事项类型', a.kind, b.kind);
  scalar('实施主体', a.department, b.department);
  scalar('法定时限', legalDaysText(a.legalDays), legalDaysText(b.legalDays));
  scalar('法定时限依据', a.legalDaysBasis ?? '无', b.legalDaysBasis ?? '无');
  scalar('承诺时限', `${a.promisedDays} 个工作日`, `${b.promisedDays} 个工作日`);
  scalar(
    '本件最短时限',
    a.minimumDays === undefined ? '未约定' : `${a.minimumDays} 个工作日`,
    b.minimumDays === undefined ? '未约定' : `${b.minimumDays} 个工作日`,
  );
  scalar('到现场次数', a.visits, b.visits);
  scalar('办理结果', a.result?.name ?? '无', b.result?.name ?? '无');
  scalar('设立依据', basisText(a.basis) || '无', basisText(b.basis) || '无');
  scalar('设立依据说明', a.basisNote ?? '无', b.basisNote ?? '无');
  const [sa, sb] = [serviceOf(a), serviceOf(b)];
  for (const key of Object.keys(SERVICE_TEXT_LABELS) as (keyof typeof SERVICE_TEXT_LABELS)[])
    scalar(SERVICE_TEXT_LABELS[key], sa[key], sb[key]);
  const fields = byKey(a.fields, b.fields, fieldKey);
  const fieldName = (f: MatterField) => ('ref' in f ? names.element(f.ref) : f.local.label);
  for (const f of fields.added) out.push(`增加字段「${fieldName(f)}」`);
  for (const f of fields.removed) out.push(`删除字段「${fieldName(f)}」`);
  for (const [x, y] of fields.both) {
    if (x.required !== y.required) out.push(`字段「${fieldName(y)}」改为${y.required ? '必填' : '选填'}`);
    const cx = 'ref' in x ? (x.override ?? {}) : x.local;
    const cy = 'ref' in y ? (y.override ?? {}) : y.local;
    const c = constraintChanges(cx, cy);
    if (c.length) out.push(`字段「${fieldName(y)}」：${c.join('；')}`);
  }
  const materials = byKey(a.materials, b.materials, (m) => m.ref);
  for (const m of materials.added) out.push(`增加材料「${names.material(m.ref)}」`);
  for (const m of materials.removed) out.push(`删除材料「${names.material(m.ref)}」`);
  for (const [x, y] of materials.both) {
    const c = materialUseChanges(x, y);
    if (c.length) out.push(`材料「${names.material(y.ref)}」：${c.join('；')}`);
  }
  if (!same(a.dependsOn ?? [], b.dependsOn ?? [])) out.push('前置事项有修改');
  if (!same(a.rules ?? [], b.rules ?? [])) out.push('受理条件有修改');
  return out;
}

function materialUseChanges(a: MatterMaterial, b: MatterMaterial): string[] {
  const out: string[] = [];
  if (a.necessity !== b.necessity) out.push(`${NECESSITY_LABELS[a.necessity]} → ${NECESSITY_LABELS[b.necessity]}`);
  if (a.form !== b.form) out.push(`${FORM_LABELS[a.form]} → ${FORM_LABELS[b.form]}`);
  if (a.copies !== b.copies) out.push(`份数 ${a.copies} → ${b.copies}`);
  if (!!a.commitment !== !!b.commitment) out.push(b.commitment ? '实行告知承诺' : '取消告知承诺');
  if (!!a.eLicense !== !!b.eLicense) out.push(b.eLicense ? '可用电子证照' : '不再使用电子证照');
  if (a.remedyDays !== b.remedyDays) out.push(`补交期限 ${a.remedyDays ?? '无'} → ${b.remedyDays ?? '无'}`);
  if ((a.note ?? '') !== (b.note ?? '')) out.push('说明有修改');
  return out;
}

/** How a change names data elements and materials (their labels, from the dictionaries in effect). */
export interface NameOf {
  element(id: string): string;
  material(id: string): string;
}

/** Names from a set of definitions (an id that is not there is named by itself). */
export function namesIn(defs: Definitions): NameOf {
  const elements = new Map(defs.dictionary.elements.map((e) => [e.id, e.label]));
  const materials = new Map(defs.materials.materials.map((m) => [m.id, m.name]));
  return { element: (id) => elements.get(id) ?? id, material: (id) => materials.get(id) ?? id };
}

/**
 * The changes from `before` to `after` of a catalog document, in words; none when only what
 * officials do not see changed. A bundle's or variant's revision says only that it changed:
 * their business diff is over the compiled result.
 */
export function catalogChanges(kind: DocumentKind, before: unknown, after: unknown, names: NameOf): string[] {
  switch (kind) {
    case 'dictionary':
      return dictionaryChanges(before as Dictionary, after as Dictionary);
    case 'materials':
      return materialsChanges(before as MaterialsDictionary, after as MaterialsDictionary);
    case 'calendar':
      return calendarChanges(before as WorkCalendar, after as WorkCalendar);
    case 'parameters':
      return parametersChanges(before as PolicyParameters, after as PolicyParameters);
    case 'matter':
      return matterChanges(before as Matter, after as Matter, names);
    default:
      return same(before, after) ? [] : ['内容有修改'];
  }
}
