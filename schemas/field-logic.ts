/**
 * The logic of the one form's fields: which are derived from another field of the form (not
 * asked, filled in — a birth date from an ID number), and which are shown only under a
 * condition (and then perhaps required). And the derived values of an application.
 */
import type { CompiledBundle, MergedField } from './compiled-types.ts';
import { conditionRefs, type ApplicationData } from './conditions.ts';
import { diagnostic, pointer, type Diagnostic } from './diagnostics.ts';
import { idBirthDate, idGender, idRegion, unemploymentBenefitMonths } from './domain-ops.ts';
import type { PreparedParameters } from './parameters.ts';
import { mapParts, partFields, rosterRows, ROSTER_KEY } from './roster.ts';
import type { FieldCondition } from './logic-types.ts';
import type { DerivingOperation, DictionaryElement } from './types.ts';

/**
 * The parameters a derivation reads and the day they are read for (the application date). A
 * derivation that needs parameters gives nothing without them: the field stays empty rather
 * than hold a figure from no policy.
 */
export interface DerivationPolicy {
  parameters: PreparedParameters;
  on: string;
}

type Derive = (value: unknown, policy: DerivationPolicy | undefined, ...also: unknown[]) => unknown;

const DERIVE: Record<DerivingOperation, Derive> = {
  idBirthDate,
  idGender,
  idRegion,
  unemploymentBenefitMonths: (months, policy, idNumber) =>
    policy ? unemploymentBenefitMonths(months, policy.parameters, policy.on, idNumber) : null,
};

/** The fields with their derivation and conditions; unknown targets are reported. */
export function withFieldLogic(
  fields: readonly MergedField[],
  elements: ReadonlyMap<string, DictionaryElement>,
  conditions: readonly FieldCondition[],
  doc: string,
  diagnostics: Diagnostic[],
): MergedField[] {
  const ids = new Set(fields.map((f) => f.id));
  const sections = new Set(fields.map((f) => f.section));
  const out = fields.map((f) => {
    const from = f.local ? undefined : elements.get(f.id)?.derivedFrom;
    if (!from || !ids.has(from.element)) return { ...f };
    // the further elements are read when the form has them all; without them the operation works on the source alone
    const also = from.with?.length && from.with.every((w) => ids.has(w)) ? { with: [...from.with] } : {};
    return { ...f, derived: { from: from.element, operation: from.operation, ...also } };
  });
  conditions.forEach((c, i) => {
    const isField = c.target.includes('.');
    if (!(isField ? ids.has(c.target) : sections.has(c.target)))
      diagnostics.push(
        diagnostic('logic.unknown-field', doc, pointer('fieldConditions', i, 'target'), { where: '字段条件', field: c.target }),
      );
    for (const field of conditionRefs(c.when).fields)
      if (!ids.has(field))
        diagnostics.push(diagnostic('logic.unknown-field', doc, pointer('fieldConditions', i, 'when'), { where: '字段条件', field }));
    for (const f of out) {
      if (isField ? f.id !== c.target : f.section !== c.target) continue;
      f.condition = f.condition
        ? { when: { all: [f.condition.when, c.when] }, required: f.condition.required || c.required === true }
        : { when: c.when, required: c.required === true };
    }
  });
  return out;
}

/** A derived field, with where its source is and where the further values it reads are. */
interface Derivation {
  id: string;
  section: string;
  key: string;
  fromSection: string;
  fromKey: string;
  also: { section: string; key: string }[];
  derive: Derive;
}

/** A field id as its section and key. */
const place = (id: string) => {
  const dot = id.indexOf('.');
  return { section: id.slice(0, dot), key: id.slice(dot + 1) };
};

const derivationsByFields = new WeakMap<readonly MergedField[], Derivation[]>();

/** The derived fields among `fields`, prepared once per array (`mapParts` hands the same arrays every time). */
function derivationsOf(fields: readonly MergedField[]): Derivation[] {
  let out = derivationsByFields.get(fields);
  if (!out) {
    out = fields.flatMap((f) => {
      if (!f.derived) return [];
      const { section: fromSection, key: fromKey } = place(f.derived.from);
      const also = (f.derived.with ?? []).map(place);
      return [{ id: f.id, section: f.section, key: f.key, fromSection, fromKey, also, derive: DERIVE[f.derived.operation] }];
    });
    derivationsByFields.set(fields, out);
  }
  return out;
}

/** The derived fields of one part of an application (the shared sections, or one employee) that it gives a value, with it. */
function derivedIn(fields: readonly MergedField[], part: ApplicationData, policy: DerivationPolicy | undefined): [Derivation, unknown][] {
  const out: [Derivation, unknown][] = [];
  for (const d of derivationsOf(fields)) {
    const at = (section: string, key: string) => (part[section] as Record<string, unknown> | undefined)?.[key];
    const value = d.derive(at(d.fromSection, d.fromKey), policy, ...d.also.map((a) => at(a.section, a.key)));
    if (value !== null && value !== undefined) out.push([d, value]);
  }
  return out;
}

/** The derived values of one part of an application, by field id. */
function derivedOf(fields: readonly MergedField[], part: ApplicationData, policy: DerivationPolicy | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [d, value] of derivedIn(fields, part, policy)) out[d.id] = value;
  return out;
}

/**
 * The values derived from an application, by field id (only those the application's source
 * field gives); an employer's bundle adds each employee's, in `employees` in roster order.
 */
export function derivedValues(
  compiled: Pick<CompiledBundle, 'fields' | 'sections'>,
  app: ApplicationData,
  policy?: DerivationPolicy,
): Record<string, unknown> {
  const { rostered, shared, own } = partFields(compiled);
  const out = derivedOf(shared, app, policy);
  if (rostered) out[ROSTER_KEY] = rosterRows(app).map((row) => derivedOf(own, row, policy));
  return out;
}

/** The application with its derived fields filled in (what a front end sent for them is replaced). */
export function withDerived(
  compiled: Pick<CompiledBundle, 'fields' | 'sections'>,
  app: ApplicationData,
  policy?: DerivationPolicy,
): ApplicationData {
  return mapParts(compiled, app, (part, fields) => {
    let out = part;
    for (const [d, value] of derivedIn(fields, part, policy))
      out = { ...out, [d.section]: { ...(out[d.section] as Record<string, unknown> | undefined), [d.key]: value } };
    return out;
  });
}
