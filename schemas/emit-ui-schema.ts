/**
 * Step 6b: the UI schema in JSON Forms' format: the 情形 questions first, then a group per
 * section and a control per field. Visibility is a SHOW rule with a schema-based condition —
 * on the selected matters, or (scope `#`, the whole application) on the scenario, the answers
 * and other fields — so a third-party JSON Forms renderer shows what our preview shows.
 * Derived fields are read-only. An employer's bundle puts the sections filled in per employee
 * in the detail of one array control (职工名单); inside it a rule's scope is the employee's
 * entry, so a field shown under a condition on the employee's own fields is shown per employee.
 */
import type { CompiledRoster, CompiledScenario, FormSection, JsonSchema, MergedField, UiElement } from './compiled-types.ts';
import { conditionSchema } from './conditions.ts';
import { questionsOf } from './emit-schema.ts';
import type { Condition } from './logic-types.ts';
import { rosterSectionKeys, ROSTER_KEY, splitForRow } from './roster.ts';

const matterSchema = (codes: readonly string[]): JsonSchema =>
  codes.length === 1 ? { contains: { const: codes[0] } } : { contains: { enum: [...codes] } };

/** SHOW when any of `codes` is selected, and `when` holds if given. */
function showWhen(codes: readonly string[], when?: Condition): UiElement['rule'] {
  if (!when) return { effect: 'SHOW', condition: { scope: '#/properties/matters', schema: matterSchema(codes) } };
  const schema = { allOf: [{ required: ['matters'], properties: { matters: matterSchema(codes) } }, conditionSchema(when)] };
  return { effect: 'SHOW', condition: { scope: '#', schema } };
}

/** SHOW a question in the scenarios that ask it, when its own condition holds. */
function questionRule(scenarios: readonly string[], when?: Condition): UiElement['rule'] {
  const scenario: JsonSchema = {
    required: ['scenario'],
    properties: { scenario: scenarios.length === 1 ? { const: scenarios[0] } : { enum: [...scenarios] } },
  };
  return { effect: 'SHOW', condition: { scope: '#', schema: when ? { allOf: [scenario, conditionSchema(when)] } : scenario } };
}

/** The control of one field; `rule` decides when it is shown. */
function fieldControl(section: string, f: MergedField, rule: UiElement['rule'] | undefined): UiElement {
  const control: UiElement = { type: 'Control', scope: `#/properties/${section}/properties/${f.key}`, label: f.label };
  if (f.type === 'text') control.options = { multi: true };
  if (f.type === 'multi-enum') control.options = { format: 'checkbox' };
  if (f.derived) control.options = { ...control.options, readonly: true };
  if (rule) control.rule = rule;
  return control;
}

/** Emits the UI schema for the merged form. */
export function emitUiSchema(
  sections: readonly FormSection[],
  fields: readonly MergedField[],
  scenarios: readonly CompiledScenario[] = [],
  roster?: CompiledRoster,
): UiElement {
  const elements: UiElement[] = [{ type: 'Control', scope: '#/properties/scenario', label: '办事情形', options: { format: 'radio' } }];
  const questions = questionsOf(scenarios);
  if (questions.length)
    elements.push({
      type: 'Group',
      label: '情形问题',
      elements: questions.map((q): UiElement => {
        const control: UiElement = { type: 'Control', scope: `#/properties/answers/properties/${q.id}`, label: q.text };
        if (q.kind === 'yes-no' || q.kind === 'one-of') control.options = { format: 'radio' };
        if (q.kind === 'several-of') control.options = { format: 'checkbox' };
        control.rule = questionRule(
          scenarios.filter((s) => s.questions.some((x) => x.id === q.id)).map((s) => s.id),
          q.when,
        );
        return control;
      }),
    });
  elements.push({ type: 'Control', scope: '#/properties/matters', label: '办理事项', options: { format: 'checkbox' } });
  const perEmployee = roster ? rosterSectionKeys(sections) : new Set<string>();
  const detail: UiElement[] = [];
  const rosterMatters = new Set<string>();
  for (const section of sections) {
    const own = fields.filter((f) => f.section === section.key);
    if (own.length === 0) continue;
    const sectionMatters = [...new Set(own.flatMap((f) => f.sources.map((s) => s.matter)))];
    if (perEmployee.has(section.key)) {
      // inside an entry only the entry is in scope: a control is shown on the employee's own fields
      sectionMatters.forEach((m) => rosterMatters.add(m));
      const controls = own.map((f) => {
        const row = f.condition ? splitForRow(f.condition.when, perEmployee)?.row : undefined;
        return fieldControl(section.key, f, row ? { effect: 'SHOW', condition: { scope: '#', schema: conditionSchema(row) } } : undefined);
      });
      detail.push({ type: 'Group', label: section.label, elements: controls });
      continue;
    }
    const controls = own.map((f) => {
      const matters = f.sources.map((s) => s.matter);
      return fieldControl(
        section.key,
        f,
        matters.length < sectionMatters.length || f.condition ? showWhen(matters, f.condition?.when) : undefined,
      );
    });
    elements.push({ type: 'Group', label: section.label, elements: controls, rule: showWhen(sectionMatters) });
  }
  if (roster && detail.length)
    elements.push({
      type: 'Control',
      scope: `#/properties/${ROSTER_KEY}`,
      label: roster.label,
      options: { detail: { type: 'VerticalLayout', elements: detail }, elementLabelProp: ['person', 'name'] },
      rule: showWhen([...rosterMatters]),
    });
  return { type: 'VerticalLayout', elements };
}
