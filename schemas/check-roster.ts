/**
 * The roster of an employer's bundle at compile time: which sections of the one form are
 * filled in per employee, and the logic that must respect it — a question or an answer's
 * effect is decided once for the whole application, so it may not read an employee's field;
 * a field's condition is read per employee only if its shared and per-employee parts can be
 * told apart.
 */
import type { CompiledRoster, FormSection, MergedField } from './compiled-types.ts';
import { diagnostic, pointer, type Diagnostic } from './diagnostics.ts';
import type { Condition } from './logic-types.ts';
import { DEFAULT_ROSTER_MAX, readsRoster, ROSTER_KEY, ROSTER_LABEL, splitForRow } from './roster.ts';
import type { Bundle, DictionarySection } from './types.ts';

/** The form's sections with the roster's marked, and the compiled roster (none when no field is filled in per employee). */
export function applyRoster(
  bundle: Bundle,
  sections: readonly FormSection[],
  fields: readonly MergedField[],
  dictionary: readonly DictionarySection[],
  doc: string,
  diagnostics: Diagnostic[],
): { sections: FormSection[]; roster?: CompiledRoster } {
  if (!bundle.roster) return { sections: [...sections] };
  const known = new Set(dictionary.map((s) => s.id));
  bundle.roster.sections.forEach((id, i) => {
    if (!known.has(id)) diagnostics.push(diagnostic('roster.unknown-section', doc, pointer('roster', 'sections', i), { section: id }));
  });
  const wanted = new Set(bundle.roster.sections);
  const marked = sections.map((s): FormSection => (wanted.has(s.key) && !s.matter ? { ...s, roster: true } : s));
  if (!marked.some((s) => s.roster)) return { sections: marked };
  // the same person is listed once: the employees' ID numbers differ
  const unique = fields.filter((f) => f.id === 'person.idNumber' && wanted.has(f.section)).map((f) => f.id);
  return {
    sections: marked,
    roster: { key: ROSTER_KEY, label: ROSTER_LABEL, maxItems: bundle.roster.maxItems ?? DEFAULT_ROSTER_MAX, unique },
  };
}

/** Reports logic that reads an employee's field where it is decided once, or mixes the two inseparably. */
export function checkRosterLogic(
  bundle: Bundle,
  sections: readonly FormSection[],
  fields: readonly MergedField[],
  doc: string,
  diagnostics: Diagnostic[],
): void {
  const roster = new Set(sections.filter((s) => s.roster).map((s) => s.key));
  if (roster.size === 0) return;
  const once = (c: Condition | undefined, where: string, path: string) => {
    if (c && readsRoster(c, roster)) diagnostics.push(diagnostic('roster.shared-condition', doc, path, { where }));
  };
  bundle.scenarios.forEach((s, si) => {
    (s.questions ?? []).forEach((q, qi) =>
      once(q.when, `情形问题「${q.text}」的显示条件`, pointer('scenarios', si, 'questions', qi, 'when')),
    );
    (s.effects ?? []).forEach((e, ei) => once(e.when, '回答的作用', pointer('scenarios', si, 'effects', ei, 'when')));
  });
  (bundle.fieldConditions ?? []).forEach((c, i) => {
    const path = pointer('fieldConditions', i, 'when');
    const section = c.target.includes('.') ? fields.find((f) => f.id === c.target)?.section : c.target;
    if (section === undefined) return; // an unknown target is reported as such
    if (!roster.has(section)) once(c.when, `「${c.target}」的字段条件`, path);
    else if (!splitForRow(c.when, roster)) diagnostics.push(diagnostic('roster.mixed-condition', doc, path, { target: c.target }));
  });
}
