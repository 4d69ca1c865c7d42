import { Validator } from '@cfworker/json-schema';
import fc from 'fast-check';
import { LogicEngine } from 'json-logic-engine';
import { describe, expect, it } from 'vitest';
import {
  brokenRules,
  compileBundle,
  createAjv,
  domainOps,
  duplicateEmployees,
  exampleApplication,
  normalizeApplication,
  policyOf,
  prepareParameters,
  rosterSectionKeys,
  withDerived,
  withIdCheck,
  withValue,
  type CompiledBundle,
  type ExportedRule,
} from '../../../schemas/index.ts';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';
import { runs } from '../../support/runs.ts';

/**
 * For random answers and applications to the shipped bundles, a front end that knows nothing
 * of this code — the exported schema under an independent 2020-12 validator, the exported
 * rules under a separate JSON Logic implementation with the domain operations as the README
 * specifies them — reaches the runtime's verdict: accepted, or refused.
 */
const defs = loadDefinitions();
const compiled = defs.bundles.map((b) => compileBundle(defs, b.id, '320500'));
const DATE = '2026-11-27';

/** The runtime's verdict: normalised, derived fields worked out, AJV and no employee listed twice, then the rules that refuse. */
const ajvs = new Map<CompiledBundle, ReturnType<ReturnType<typeof createAjv>['compile']>>();
function runtimeVerdict(c: CompiledBundle, body: unknown): boolean {
  let validate = ajvs.get(c);
  if (!validate) ajvs.set(c, (validate = createAjv().compile(c.schema)));
  const normalized = normalizeApplication(c, body);
  const app =
    normalized && typeof normalized === 'object' && !Array.isArray(normalized)
      ? withDerived(c, normalized as Record<string, unknown>, { parameters: policy.parameters, on: DATE })
      : normalized;
  if (!validate(app) || duplicateEmployees(c, app).length) return false;
  return brokenRules(c.rules, { ...(app as object), applicationDate: DATE }, policy).every((r) => r.severity !== 'reject');
}

/** A front end's verdict from the exports alone: schema `x-rules`, any 2020-12 validator, any JSON Logic engine. */
const engine = new LogicEngine();
/** `GET /api/parameters` as a front end reads it: a parameter's value is the latest whose 施行日期 is not after the day. */
const published = defs.parameters!.parameters;
function parameterValue(name: unknown, on: unknown): unknown {
  const values = published.find((p) => p.name === name)?.values.filter((v) => typeof on === 'string' && v.from <= on) ?? [];
  const value = values.sort((a, b) => b.from.localeCompare(a.from))[0]?.value;
  // no value that day: the rule cannot be judged, and does not hold
  if (value === undefined) throw new Error(`no value of ${String(name)} on ${String(on)}`);
  return value;
}
const P = prepareParameters(defs.parameters);
const policy = policyOf(defs);
/** What a value that needs the parameters gives when there is none: the rule does not hold. */
const needed = (value: unknown) => {
  if (value === null) throw new Error('no value');
  return value;
};
const OPS: Record<string, (...a: unknown[]) => unknown> = {
  idBirthDate: domainOps.idBirthDate,
  idGender: domainOps.idGender,
  idRegion: domainOps.idRegion,
  age: domainOps.age,
  monthsBetween: domainOps.monthsBetween,
  retirementAge: (b, g, s) => needed(domainOps.retirementAge(b, g, s, P, DATE)),
  retirementDate: (b, g, s) => needed(domainOps.retirementDate(b, g, s, P, DATE)),
  earliestRetirementDate: (b, g, s) => needed(domainOps.earliestRetirementDate(b, g, s, P, DATE)),
  latestRetirementDate: (b, g, s) => needed(domainOps.latestRetirementDate(b, g, s, P, DATE)),
  minContributionMonths: (date) => needed(domainOps.minContributionMonths(date, P)),
  unemploymentBenefitMonths: (months, idNumber) => domainOps.unemploymentBenefitMonths(months, P, DATE, idNumber),
  param: (...args) => parameterValue(args[0], args.length > 1 ? args[1] : DATE),
};
for (const [name, fn] of Object.entries(OPS)) engine.addMethod(name, (args: unknown[]) => fn(...([] as unknown[]).concat(args)));
const cfworkers = new Map<CompiledBundle, Validator>();
/** What a front end works out itself in one part of the application: the ID's check character upper-cased, birth date and gender from the ID. */
function frontEndDerived(c: CompiledBundle, part: Record<string, unknown>): Record<string, unknown> {
  let out = part;
  const id = (out.person as Record<string, unknown> | undefined)?.idNumber;
  if (typeof id === 'string') out = withValue(out, 'person.idNumber', id.toUpperCase());
  // x-derived: the operation of the `from` field's value, then the values of the `with` fields
  const at = (id: string) => {
    const [section, key] = id.split('.') as [string, string];
    return (out[section] as Record<string, unknown> | undefined)?.[key];
  };
  for (const f of c.fields.filter((x) => x.derived)) {
    if (!(f.derived!.from.split('.')[0]! in out)) continue;
    const value = OPS[f.derived!.operation]!(at(f.derived!.from), ...(f.derived!.with ?? []).map(at));
    if (value !== null) out = withValue(out, f.id, value);
  }
  return out;
}

function frontEndVerdict(c: CompiledBundle, body: Record<string, unknown>): boolean {
  // an employer's bundle, as its schema says: the sections in `employees` are each employee's
  const properties = c.schema.properties as Record<string, { items?: { properties?: object } }>;
  const perEmployee = properties.employees !== undefined;
  let app = frontEndDerived(c, body);
  if (perEmployee) app = { ...app, employees: (app.employees as Record<string, unknown>[]).map((e) => frontEndDerived(c, e)) };
  let validator = cfworkers.get(c);
  if (!validator) cfworkers.set(c, (validator = new Validator(c.schema as never, '2020-12', false)));
  if (!validator.validate(app).valid) return false;
  // no two employees share what `x-unique` names (pointers within an entry)
  if (perEmployee) {
    const list = properties.employees as { 'x-unique'?: string[] };
    const at = (e: unknown, pointer: string) =>
      pointer
        .split('/')
        .slice(1)
        .reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], e);
    for (const pointer of list['x-unique'] ?? []) {
      const values = (app.employees as unknown[]).map((e) => at(e, pointer)).filter((v) => typeof v === 'string' && v !== '');
      if (new Set(values).size < values.length) return false;
    }
  }
  const rules = (c.schema['x-rules'] ?? []) as ExportedRule[];
  // a rule marked `each` holds for every employee, read with that employee's sections in place
  const { employees, ...shared } = app;
  const views = (r: ExportedRule) =>
    r.each
      ? (employees as Record<string, unknown>[]).map((e) => ({ ...shared, ...e, applicationDate: DATE }))
      : [{ ...app, applicationDate: DATE }];
  const holds = (logic: unknown, data: unknown) => {
    try {
      return Boolean(engine.run({ '!!': [logic] }, data));
    } catch {
      return false; // a rule that cannot be judged does not hold
    }
  };
  return rules.every((r) => r.severity !== 'reject' || views(r).every((data) => holds(r.logic, data)));
}

/** Sets a value the way an applicant types it: an employee's field in the given employee (added when missing). */
function edited(c: CompiledBundle, app: Record<string, unknown>, path: string, value: unknown, employee: number): Record<string, unknown> {
  if (!rosterSectionKeys(c.sections).has(path.split('.')[0]!)) return withValue(app, path, value);
  const rows = [...(app.employees as Record<string, unknown>[])];
  while (rows.length <= employee) rows.push(structuredClone(rows[0]!));
  rows[employee] = withValue(rows[employee]!, path, value);
  return { ...app, employees: rows };
}

const IDS = [
  withIdCheck('32010219630501123'),
  withIdCheck('32010219850615123'),
  withIdCheck('32010219720310122'),
  withIdCheck('32010219580901123'),
  withIdCheck('32010219700115123'),
  '11010519491231002x',
];
/** The values rules and conditions read, and the mistakes applicants make with them. */
const edit = fc.oneof(
  fc.constantFrom(...IDS).map((v) => ['person.idNumber', v] as const),
  fc.constantFrom('2026-03-02', '2030-01-15', '2035-06-01').map((v) => ['retire.retireDate', v] as const),
  fc.integer({ min: 0, max: 260 }).map((v) => ['employment.contributionMonths', v] as const),
  fc.constantFrom('employer', 'employee', 'mutual').map((v) => ['employment.separationReason', v] as const),
  fc.constantFrom('2026-11-20', '2026-12-15').map((v) => ['employment.endDate', v] as const),
  fc.constantFrom('1950-01-01', '2015-06-01').map((v) => ['person.birthDate', v] as const),
  fc.constantFrom('card', 'other').map((v) => ['bank.payTo', v] as const),
  fc.constantFrom('cadre', 'worker').map((v) => ['retire.staffType', v] as const),
  fc.constantFrom('2025-12-20', '2027-01-01').map((v) => ['death.date', v] as const),
  fc.constantFrom('2025-11-03', '2027-05-01').map((v) => ['injury.accidentDate', v] as const),
  fc.boolean().map((v) => ['answers.byAgent', v] as const),
  fc.boolean().map((v) => ['answers.specialJob', v] as const),
  fc.boolean().map((v) => ['answers.recognized', v] as const),
  fc.boolean().map((v) => ['answers.topUp', v] as const),
  fc.constantFrom('graduate', 'talent', 'returnee', 'transfer').map((v) => ['answers.hireKind', v] as const),
  fc.constantFrom('injured', 'died').map((v) => ['answers.case', v] as const),
  fc.subarray(['insurance', 'difficulty', 'card']).map((v) => ['answers.benefits', v] as const),
  fc.constant(['agent', { name: '李四', idNumber: IDS[1], mobile: '13912345678' }] as const),
);

describe('a front end that knows only the exports', () => {
  it('reaches the runtime’s verdict on random answers and applications to every shipped bundle', () => {
    const count = runs(1500);
    const on = { parameters: P, on: DATE };
    const cases = compiled.flatMap((c) => c.scenarios.map((s) => ({ c, s: s.id, example: exampleApplication(c, s.id, undefined, on) })));
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        fc.nat(cases.length - 1),
        fc.array(fc.tuple(edit, fc.nat(1)), { maxLength: 5 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        (pick, edits, ticks) => {
          const { c, s, example } = cases[pick]!;
          let app = { ...example } as Record<string, unknown>;
          for (const [[path, value], employee] of edits) app = edited(c, app, path, value, employee);
          // the applicant ticks and unticks matters too
          const all = c.scenarios.find((x) => x.id === s)!.items.map((i) => i.matter.code);
          app.matters = all.filter((code, i) =>
            ticks[i % 12] ? !(example.matters as string[]).includes(code) : (example.matters as string[]).includes(code),
          );
          const verdict = runtimeVerdict(c, app);
          expect(frontEndVerdict(c, app), `${c.id}/${s} ${JSON.stringify(edits)}`).toBe(verdict);
          if (verdict) accepted++;
          else refused++;
        },
      ),
      { numRuns: count, seed: 20261127 },
    );
    // both outcomes are exercised, not just one
    expect(accepted).toBeGreaterThan(count / 15);
    expect(refused).toBeGreaterThan(count / 15);
  });
});
