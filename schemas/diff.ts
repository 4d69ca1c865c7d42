/**
 * Business diff between two compiled bundles (two versions, or a variant and its base):
 * what an applicant or a back office would notice — names and texts of the guide, matters
 * added, removed, reordered, made required; fields merged, split, renamed, tightened, made
 * required; materials added, removed, made stricter or 免提交; days; the logic (情形
 * questions, what answers do, groups, field conditions, rules). Canvas positions, other
 * layout and rules' sample cases are not business. One model for the studio, API, publishing and audit.
 */
import type { CompiledBundle, CompiledScenario, MatterSummary, MergedField } from './compiled-types.ts';
import { documentFieldName } from './document-fields.ts';
import { SERVICE_TEXT_LABELS, serviceOf } from './service.ts';
import { daysText, MODE_LABELS, NECESSITY_LABELS, SELECTION_LABELS, SEVERITY_LABELS } from './labels.ts';

/** What a guide says of a matter beyond its days, by name: the names of those that differ. */
function guideFactsChanged(a: MatterSummary, b: MatterSummary): string[] {
  const facts = (m: MatterSummary): Record<string, unknown> => ({
    事项名称: m.name,
    实施主体: m.department,
    法定时限: m.legalDays,
    法定时限依据: m.legalDaysBasis,
    到现场次数: m.visits,
    办理结果: m.result?.name,
    设立依据: m.basis,
    ...Object.fromEntries(Object.entries(serviceOf(m)).map(([k, v]) => [SERVICE_TEXT_LABELS[k as keyof typeof SERVICE_TEXT_LABELS], v])),
  });
  const [x, y] = [facts(a), facts(b)];
  return Object.keys(y).filter((k) => x[k] !== y[k]);
}

/** The kinds of change, stable for clients. */
export const CHANGE_KINDS = [
  'name-changed',
  'lead-changed',
  'description-changed',
  'notes-changed',
  'scenario-added',
  'scenario-removed',
  'scenario-relabelled',
  'guide-changed',
  'mode-changed',
  'matter-added',
  'matter-removed',
  'matters-reordered',
  'selection-changed',
  'lock-changed',
  'field-added',
  'field-removed',
  'field-sources-changed',
  'field-required-changed',
  'field-relabelled',
  'field-constraints-changed',
  'material-added',
  'material-removed',
  'material-exemption-changed',
  'material-necessity-changed',
  'days-changed',
  'matter-days-changed',
  'matter-guide-changed',
  'question-added',
  'question-removed',
  'question-changed',
  'effects-changed',
  'groups-changed',
  'field-condition-changed',
  'rule-added',
  'rule-removed',
  'rule-changed',
] as const;

/** One change in business terms, with a Chinese sentence. */
export interface BusinessChange {
  kind: (typeof CHANGE_KINDS)[number];
  scenario?: string;
  subject?: string;
  text: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function materialChanges(a: CompiledScenario, b: CompiledScenario, at: string, out: BusinessChange[]): void {
  const s = b.id;
  const ma = new Map(a.checklist.map((m) => [m.id, m]));
  const mb = new Map(b.checklist.map((m) => [m.id, m]));
  for (const [id, m] of mb) {
    const old = ma.get(id);
    if (!old) {
      out.push({ kind: 'material-added', scenario: s, subject: id, text: `${at}增加材料「${m.name}」` });
      continue;
    }
    if ((old.exempt?.reason ?? null) !== (m.exempt?.reason ?? null))
      out.push({
        kind: 'material-exemption-changed',
        scenario: s,
        subject: id,
        text: `${at}材料「${m.name}」${m.exempt ? '改为免提交' : '改为需要提交'}`,
      });
    if (old.necessity !== m.necessity)
      out.push({
        kind: 'material-necessity-changed',
        scenario: s,
        subject: id,
        text: `${at}材料「${m.name}」由${NECESSITY_LABELS[old.necessity]}改为${NECESSITY_LABELS[m.necessity]}`,
      });
  }
  for (const [id, m] of ma)
    if (!mb.has(id)) out.push({ kind: 'material-removed', scenario: s, subject: id, text: `${at}减少材料「${m.name}」` });
}

/** A scenario's questions, what their answers do, and its groups of optional matters. */
function logicChanges(a: CompiledScenario, b: CompiledScenario, at: string, out: BusinessChange[]): void {
  const s = b.id;
  const before = new Map(a.questions.map((q) => [q.id, q]));
  for (const q of b.questions) {
    const old = before.get(q.id);
    if (!old) out.push({ kind: 'question-added', scenario: s, subject: q.id, text: `${at}增加情形问题「${q.text}」` });
    else if (!same(old, q)) out.push({ kind: 'question-changed', scenario: s, subject: q.id, text: `${at}情形问题「${q.text}」有修改` });
  }
  for (const q of a.questions)
    if (!b.questions.some((x) => x.id === q.id))
      out.push({ kind: 'question-removed', scenario: s, subject: q.id, text: `${at}删除情形问题「${q.text}」` });
  if (!same(a.effects, b.effects)) out.push({ kind: 'effects-changed', scenario: s, text: `${at}情形问题的回答对事项、材料的影响有修改` });
  if (!same(a.groups, b.groups)) out.push({ kind: 'groups-changed', scenario: s, text: `${at}可选事项的组合要求有修改` });
}

/** The bundle's and its matters' rules (what applicants are refused or warned about; sample cases aside). */
function ruleChanges(a: CompiledBundle, b: CompiledBundle, out: BusinessChange[]): void {
  const business = (r: CompiledBundle['rules'][number]) => ({ ...r, cases: undefined });
  const before = new Map(a.rules.map((r) => [r.id, r]));
  for (const r of b.rules) {
    const old = before.get(r.id);
    if (!old) out.push({ kind: 'rule-added', subject: r.id, text: `增加规则「${r.message}」（${SEVERITY_LABELS[r.severity]}）` });
    else if (!same(business(old), business(r))) out.push({ kind: 'rule-changed', subject: r.id, text: `规则「${r.message}」有修改` });
  }
  for (const r of a.rules)
    if (!b.rules.some((x) => x.id === r.id)) out.push({ kind: 'rule-removed', subject: r.id, text: `删除规则「${r.message}」` });
}

function scenarioChanges(a: CompiledScenario, b: CompiledScenario, out: BusinessChange[]): void {
  const s = b.id;
  const at = `「${b.label}」`;
  if (a.label !== b.label) out.push({ kind: 'scenario-relabelled', scenario: s, text: `办事情形「${a.label}」改名为${at}` });
  if (!same(a.guide, b.guide)) out.push({ kind: 'guide-changed', scenario: s, text: `${at}的情形引导有修改` });
  if (a.mode !== b.mode)
    out.push({ kind: 'mode-changed', scenario: s, text: `${at}办理模式由${MODE_LABELS[a.mode].short}改为${MODE_LABELS[b.mode].short}` });
  const before = new Map(a.items.map((i) => [i.matter.code, i]));
  const after = new Map(b.items.map((i) => [i.matter.code, i]));
  for (const [code, item] of after) {
    const old = before.get(code);
    if (!old)
      out.push({
        kind: 'matter-added',
        scenario: s,
        subject: code,
        text: `${at}增加事项「${item.matter.name}」（${SELECTION_LABELS[item.selection]}）`,
      });
    else if (old.selection !== item.selection)
      out.push({
        kind: 'selection-changed',
        scenario: s,
        subject: code,
        text: `${at}事项「${item.matter.name}」由${SELECTION_LABELS[old.selection]}改为${SELECTION_LABELS[item.selection]}`,
      });
  }
  for (const [code, item] of after) {
    const old = before.get(code);
    const days = (i: typeof item) => i.promisedDays ?? i.matter.promisedDays;
    if (old && days(old) !== days(item))
      out.push({
        kind: 'matter-days-changed',
        scenario: s,
        subject: code,
        text: `${at}事项「${item.matter.name}」承诺时限由${spaced(days(old))}改为${spaced(days(item))}`,
      });
    const facts = old ? guideFactsChanged(old.matter, item.matter) : [];
    if (facts.length)
      out.push({
        kind: 'matter-guide-changed',
        scenario: s,
        subject: code,
        text: `${at}事项「${item.matter.name}」的${facts.join('、')}有修改`,
      });
    if (old && old.locked !== item.locked)
      out.push({
        kind: 'lock-changed',
        scenario: s,
        subject: code,
        text: `${at}事项「${item.matter.name}」${item.locked ? '对设区市锁定' : '不再对设区市锁定'}`,
      });
  }
  for (const [code, item] of before)
    if (!after.has(code)) out.push({ kind: 'matter-removed', scenario: s, subject: code, text: `${at}删除事项「${item.matter.name}」` });
  const order = (c: CompiledScenario) =>
    c.stages
      .map((st) => st.filter((x) => before.has(x) && after.has(x)).join('+'))
      .filter(Boolean)
      .join('>');
  if (order(a) !== order(b)) out.push({ kind: 'matters-reordered', scenario: s, text: `${at}办理顺序调整` });
  logicChanges(a, b, at, out);
  materialChanges(a, b, at, out);
  if (a.timeLimit.days !== b.timeLimit.days)
    out.push({ kind: 'days-changed', scenario: s, text: `${at}办结时限由 ${a.timeLimit.days} 个工作日改为 ${b.timeLimit.days} 个工作日` });
}

/** Days as said inside a sentence: 即办, or ` N 个工作日` spaced from the Chinese before it. */
const spaced = (days: number) => (days === 0 ? daysText(0) : ` ${daysText(days)}`);

/** What an applicant must enter, as a comparable text. */
const constraintsOf = (f: MergedField) =>
  JSON.stringify([f.type, f.format, f.patterns, f.minLength, f.maxLength, f.minimum, f.maximum, f.options?.map((o) => o.value)]);
const sourcesOf = (f: MergedField) =>
  f.sources
    .map((x) => x.matter)
    .sort()
    .join(',');
const requiredOf = (f: MergedField) => f.sources.some((x) => x.required);

function fieldChanges(a: CompiledBundle, b: CompiledBundle, out: BusinessChange[]): void {
  const fa = new Map(a.fields.map((f) => [f.id, f]));
  for (const f of b.fields) {
    const old = fa.get(f.id);
    if (!old) {
      out.push({ kind: 'field-added', subject: f.id, text: `一张表单增加字段「${f.label}」` });
      continue;
    }
    if (sourcesOf(old) !== sourcesOf(f)) {
      const [was, now] = [old.sources.length, f.sources.length];
      const how =
        now > was
          ? `合并了更多事项（${was} → ${now} 个事项）`
          : now < was
            ? `涉及的事项减少（${was} → ${now} 个事项）`
            : `涉及的事项有变化（${now} 个事项）`;
      out.push({ kind: 'field-sources-changed', subject: f.id, text: `字段「${f.label}」${how}` });
    }
    if (requiredOf(old) !== requiredOf(f))
      out.push({ kind: 'field-required-changed', subject: f.id, text: `字段「${f.label}」改为${requiredOf(f) ? '必填' : '选填'}` });
    if (old.label !== f.label) out.push({ kind: 'field-relabelled', subject: f.id, text: `字段「${old.label}」改名为「${f.label}」` });
    if (constraintsOf(old) !== constraintsOf(f))
      out.push({ kind: 'field-constraints-changed', subject: f.id, text: `字段「${f.label}」的填写要求有变化` });
  }
  // a field condition set, changed or removed on a field both versions have
  for (const f of b.fields) {
    const old = fa.get(f.id);
    if (old && !same(old.condition, f.condition))
      out.push({ kind: 'field-condition-changed', subject: f.id, text: `字段「${f.label}」的显示条件有修改` });
  }
  const fb = new Set(b.fields.map((f) => f.id));
  for (const f of a.fields) if (!fb.has(f.id)) out.push({ kind: 'field-removed', subject: f.id, text: `一张表单减少字段「${f.label}」` });
}

/** What changed from `a` to `b`, in business terms. */
export function diffCompiled(a: CompiledBundle, b: CompiledBundle): BusinessChange[] {
  const out: BusinessChange[] = [];
  if (a.name !== b.name) out.push({ kind: 'name-changed', text: `名称由「${a.name}」改为「${b.name}」` });
  if (a.lead !== b.lead) out.push({ kind: 'lead-changed', text: `牵头单位由「${a.lead}」改为「${b.lead}」` });
  if ((a.description ?? '') !== (b.description ?? '')) out.push({ kind: 'description-changed', text: '一件事的说明有修改' });
  if (!same(a.guide.notes, b.guide.notes)) out.push({ kind: 'notes-changed', text: '办事指南的说明有修改' });
  const sa = new Map(a.scenarios.map((s) => [s.id, s]));
  for (const s of b.scenarios) {
    const old = sa.get(s.id);
    if (!old) out.push({ kind: 'scenario-added', scenario: s.id, text: `增加办事情形「${s.label}」` });
    else scenarioChanges(old, s, out);
  }
  for (const s of a.scenarios)
    if (!b.scenarios.some((x) => x.id === s.id)) out.push({ kind: 'scenario-removed', scenario: s.id, text: `删除办事情形「${s.label}」` });
  fieldChanges(a, b, out);
  ruleChanges(a, b, out);
  return out;
}

const isRecord = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

/**
 * Where two versions of a document differ, in officials' words (「第 1 个办事情形的情形引导」), for
 * the edits a business diff cannot see because they change nothing yet — a 情形引导 question typed
 * before its answer. The canvas layout is not a change; at most `most` places are named.
 */
export function documentChanges(a: unknown, b: unknown, most = 8): string[] {
  const out: string[] = [];
  const walk = (x: unknown, y: unknown, path: string) => {
    if (out.length >= most || path.endsWith('/layout') || same(x, y)) return;
    if (isRecord(x) && isRecord(y)) {
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) walk(x[k], y[k], `${path}/${k}`);
    } else if (Array.isArray(x) && Array.isArray(y) && x.length === y.length) x.forEach((v, i) => walk(v, y[i], `${path}/${i}`));
    else out.push(documentFieldName(path) ?? '整个文档');
  };
  walk(a, b, '');
  return [...new Set(out)];
}
