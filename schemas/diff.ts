/**
 * Business diff between two compiled bundles (two versions, or a variant and its base):
 * matters added, removed, reordered, selection changed; fields merged or split; materials
 * added, removed, 免提交 changed; days changed. One model for the studio, API and audit.
 */
import type { CompiledBundle, CompiledScenario } from './compiled-types.ts';
import { MODE_LABELS, SELECTION_LABELS } from './labels.ts';

/** One change in business terms, with a Chinese sentence. */
export interface BusinessChange {
  kind:
    | 'scenario-added'
    | 'scenario-removed'
    | 'scenario-relabelled'
    | 'mode-changed'
    | 'matter-added'
    | 'matter-removed'
    | 'matters-reordered'
    | 'selection-changed'
    | 'field-added'
    | 'field-removed'
    | 'field-sources-changed'
    | 'field-required-changed'
    | 'material-added'
    | 'material-removed'
    | 'material-exemption-changed'
    | 'days-changed'
    | 'name-changed';
  scenario?: string;
  subject?: string;
  text: string;
}

function scenarioChanges(a: CompiledScenario, b: CompiledScenario, out: BusinessChange[]): void {
  const s = b.id;
  const at = `「${b.label}」`;
  if (a.label !== b.label) out.push({ kind: 'scenario-relabelled', scenario: s, text: `办事情形「${a.label}」改名为${at}` });
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
  for (const [code, item] of before)
    if (!after.has(code)) out.push({ kind: 'matter-removed', scenario: s, subject: code, text: `${at}删除事项「${item.matter.name}」` });
  const order = (c: CompiledScenario) =>
    c.stages
      .map((st) => st.filter((x) => before.has(x) && after.has(x)).join('+'))
      .filter(Boolean)
      .join('>');
  if (order(a) !== order(b)) out.push({ kind: 'matters-reordered', scenario: s, text: `${at}办理顺序调整` });
  const ma = new Map(a.checklist.map((m) => [m.id, m]));
  const mb = new Map(b.checklist.map((m) => [m.id, m]));
  for (const [id, m] of mb) {
    const old = ma.get(id);
    if (!old) out.push({ kind: 'material-added', scenario: s, subject: id, text: `${at}增加材料「${m.name}」` });
    else if ((old.exempt?.reason ?? null) !== (m.exempt?.reason ?? null))
      out.push({
        kind: 'material-exemption-changed',
        scenario: s,
        subject: id,
        text: `${at}材料「${m.name}」${m.exempt ? '改为免提交' : '改为需要提交'}`,
      });
  }
  for (const [id, m] of ma)
    if (!mb.has(id)) out.push({ kind: 'material-removed', scenario: s, subject: id, text: `${at}减少材料「${m.name}」` });
  if (a.timeLimit.days !== b.timeLimit.days)
    out.push({ kind: 'days-changed', scenario: s, text: `${at}办结时限由 ${a.timeLimit.days} 个工作日改为 ${b.timeLimit.days} 个工作日` });
}

/** What changed from `a` to `b`, in business terms. */
export function diffCompiled(a: CompiledBundle, b: CompiledBundle): BusinessChange[] {
  const out: BusinessChange[] = [];
  if (a.name !== b.name) out.push({ kind: 'name-changed', text: `名称由「${a.name}」改为「${b.name}」` });
  const sa = new Map(a.scenarios.map((s) => [s.id, s]));
  for (const s of b.scenarios) {
    const old = sa.get(s.id);
    if (!old) out.push({ kind: 'scenario-added', scenario: s.id, text: `增加办事情形「${s.label}」` });
    else scenarioChanges(old, s, out);
  }
  for (const s of a.scenarios)
    if (!b.scenarios.some((x) => x.id === s.id)) out.push({ kind: 'scenario-removed', scenario: s.id, text: `删除办事情形「${s.label}」` });
  const fa = new Map(a.fields.map((f) => [f.id, f]));
  const fb = new Map(b.fields.map((f) => [f.id, f]));
  const list = (f: { sources: { matter: string }[] }) =>
    f.sources
      .map((x) => x.matter)
      .sort()
      .join(',');
  const required = (f: { sources: { required: boolean }[] }) => f.sources.some((x) => x.required);
  for (const [id, f] of fb) {
    const old = fa.get(id);
    if (!old) out.push({ kind: 'field-added', subject: id, text: `一张表单增加字段「${f.label}」` });
    else if (list(old) !== list(f)) {
      const [was, now] = [old.sources.length, f.sources.length];
      const how =
        now > was
          ? `合并了更多事项（${was} → ${now} 个事项）`
          : now < was
            ? `涉及的事项减少（${was} → ${now} 个事项）`
            : `涉及的事项有变化（${now} 个事项）`;
      out.push({ kind: 'field-sources-changed', subject: id, text: `字段「${f.label}」${how}` });
    }
    if (old && required(old) !== required(f))
      out.push({ kind: 'field-required-changed', subject: id, text: `字段「${f.label}」改为${required(f) ? '必填' : '选填'}` });
  }
  for (const [id, f] of fa) if (!fb.has(id)) out.push({ kind: 'field-removed', subject: id, text: `一张表单减少字段「${f.label}」` });
  return out;
}
