/**
 * The 办事指南 model and the four reductions (减表单字段、减材料、减时限、减环节, plus 减跑动):
 * before = every matter applied for one by one, after = the bundle.
 */
import type { CompiledScenario, ExportedRule, FormSection, Guide, MergedField, Reductions } from './compiled-types.ts';
import { OPERATION_PARAMETERS } from './domain-ops.ts';
import { logicParameters } from './rules.ts';
import { matterShares } from './selection.ts';
import { REMEDY_TEXT, serviceOf } from './service.ts';
import type { Bundle, Matter, MatterLocalField } from './types.ts';

/** The reductions of a scenario with every matter selected. */
export function reductionsOf(
  scenario: CompiledScenario,
  matters: readonly Matter[],
  fields: readonly MergedField[],
  extraFields: readonly { matter: string; field: MatterLocalField }[],
): Reductions {
  const codes = new Set(matters.map((m) => m.code));
  const visits = matters.map((m) => m.visits);
  return {
    fields: {
      before: matters.reduce((n, m) => n + m.fields.length, 0) + extraFields.filter((e) => codes.has(e.matter)).length,
      after: fields.filter((f) => f.sources.some((s) => codes.has(s.matter))).length,
    },
    materials: {
      before: matters.reduce((n, m) => n + m.materials.length, 0),
      after: scenario.checklist.filter((c) => c.exempt === null).length,
    },
    days: { before: matters.reduce((n, m) => n + m.promisedDays, 0), after: scenario.timeLimit.days },
    steps: { before: matters.length, after: matters.length ? 1 : 0 },
    visits: { before: visits.reduce((a, b) => a + b, 0), after: visits.length ? Math.max(...visits) : 0 },
  };
}

function steps(scenario: CompiledScenario): string[] {
  const names = new Map(scenario.items.map((i) => [i.matter.code, i.matter.name]));
  const out = [
    '提交申请：通过网上办事大厅、人社 App 或综合窗口填写一张表单、提交一套材料',
    '一窗受理：综合窗口一次受理，按事项分送各经办机构',
  ];
  if (scenario.mode === 'integrated') {
    out.push(`整合办理：${[...names.values()].join('、')}`);
  } else {
    scenario.stages.forEach((stage, i) => {
      const text = stage.map((c) => names.get(c) ?? c).join('、');
      out.push(`第 ${i + 1} 环节：${text}${stage.length > 1 ? '（并行办理）' : ''}`);
    });
  }
  out.push('办结反馈：统一反馈办理结果，结果可邮寄或网上获取');
  return out;
}

/** The guide model of a compiled bundle. */
export function buildGuide(
  bundle: Bundle,
  scenarios: readonly CompiledScenario[],
  departments: readonly string[],
  notes: readonly string[],
  rules: readonly ExportedRule[] = [],
  fields: readonly MergedField[] = [],
  roster?: { sections: readonly FormSection[]; maxItems: number },
): Guide {
  const labels = new Map(fields.map((f) => [f.id, f.label]));
  const yesNo = ['是', '否'];
  const guide: Guide = {
    title: `${bundle.name}办事指南`,
    lead: bundle.lead,
    departments: [...departments],
    notes: [...notes],
    remedy: REMEDY_TEXT,
    scenarios: scenarios.map((s) => {
      const shares = matterShares(
        s,
        s.items.map((i) => i.matter.code),
      );
      const entry: Guide['scenarios'][number] = {
        id: s.id,
        label: s.label,
        target: s.target,
        matters: s.items.map((i) => {
          const m: Guide['scenarios'][number]['matters'][number] = {
            code: i.matter.code,
            name: i.matter.name,
            selection: i.selection,
            department: i.matter.department,
            legalDays: i.matter.legalDays,
            ...(i.matter.legalDaysBasis ? { legalDaysBasis: i.matter.legalDaysBasis } : {}),
            promisedDays: i.matter.promisedDays,
            visits: i.matter.visits,
            service: serviceOf(i.matter),
          };
          const share = shares.get(i.matter.code)!;
          if (share < i.matter.promisedDays) m.bundleDays = share;
          if (i.matter.result) m.result = i.matter.result.name;
          if (i.matter.basis) m.basis = i.matter.basis;
          else if (i.matter.basisNote) m.basisNote = i.matter.basisNote;
          return m;
        }),
        questions: s.questions.map((q) => ({
          text: q.text,
          options: q.kind === 'yes-no' ? yesNo : (q.options ?? []).map((o) => o.label),
        })),
        computed: computedFields(s, fields, labels),
        parameters: scenarioParameters(s, rulesOf(bundle, s, rules), fields),
        eligibility: rulesOf(bundle, s, rules)
          .filter((r) => r.condition)
          .map((r) => {
            const name = r.matter ? s.items.find((i) => i.matter.code === r.matter)?.matter.name : undefined;
            const text = `${r.condition}${name ? `（${name}）` : ''}${r.each ? '（每名职工分别判断）' : ''}`;
            return r.basis ? { text, basis: r.basis } : { text };
          }),
        conditions: rulesOf(bundle, s, rules).map((r) => {
          const text = r.each ? `${r.message}（每名职工分别判断）` : r.message;
          return r.basis ? { text, basis: r.basis } : { text };
        }),
        steps: steps(s),
        days: s.timeLimit.days,
        visits: s.reductions.visits.after,
        checklist: s.checklist,
      };
      if (s.guide) entry.guide = s.guide;
      return entry;
    }),
  };
  if (roster) guide.roster = rosterText(roster.sections, roster.maxItems);
  return guide;
}

/**
 * The 政策参数 this scenario's applicants are judged and computed with: those its rules read
 * (named, or through an operation such as the retirement date) and those its derived fields read.
 */
function scenarioParameters(s: CompiledScenario, rules: readonly ExportedRule[], fields: readonly MergedField[]): string[] {
  const codes = new Set(s.items.map((i) => i.matter.code));
  const derived = fields
    .filter((f) => f.derived && f.sources.some((src) => codes.has(src.matter)))
    .flatMap((f) => OPERATION_PARAMETERS[f.derived!.operation] ?? []);
  return [...new Set([...rules.flatMap((r) => logicParameters(r.logic)), ...derived])];
}

/** The fields the system works out for this scenario's applicants, with how (the element's description, or its source). */
function computedFields(
  s: CompiledScenario,
  fields: readonly MergedField[],
  labels: ReadonlyMap<string, string>,
): { label: string; text: string }[] {
  const codes = new Set(s.items.map((i) => i.matter.code));
  return fields
    .filter((f) => f.derived && f.sources.some((x) => codes.has(x.matter)))
    .map((f) => ({ label: f.label, text: f.description ?? `由「${labels.get(f.derived!.from) ?? f.derived!.from}」得出，无需填写` }));
}

/** How an employer fills in its list of employees, in the applicant's words. */
function rosterText(sections: readonly FormSection[], maxItems: number): string {
  const own = sections.filter((s) => s.roster).map((s) => s.label);
  const shared = sections.filter((s) => !s.roster).map((s) => s.label);
  return (
    `一次申请可为多名职工一并办理（每次最多 ${maxItems} 名）：每名职工分别填写${own.join('、')}` +
    (shared.length ? `；${shared.join('、')}只填一次。` : '。')
  );
}

/** The reject rules of a scenario, as 受理条件: its matters' own and the bundle's for it. */
function rulesOf(bundle: Bundle, s: CompiledScenario, rules: readonly ExportedRule[]): ExportedRule[] {
  const codes = new Set(s.items.map((i) => i.matter.code));
  return rules.filter((r) => {
    if (r.severity !== 'reject') return false;
    if (r.matter) return codes.has(r.matter);
    return !r.scenarios || r.scenarios.includes(s.id);
  });
}
