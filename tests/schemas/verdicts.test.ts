import { Validator } from '@cfworker/json-schema';
import fc from 'fast-check';
import { LogicEngine } from 'json-logic-engine';
import { describe, expect, it } from 'vitest';
import {
  brokenRules,
  compileBundle,
  createAjv,
  domainOps,
  exampleApplication,
  normalizeApplication,
  withDerived,
  withIdCheck,
  withValue,
  type CompiledBundle,
  type ExportedRule,
} from '../../schemas/index.ts';
import { loadDefinitions } from '../../server/catalog/shipped.ts';

/**
 * For random answers and applications to the shipped bundles, a front end that knows nothing
 * of this code — the exported schema under an independent 2020-12 validator, the exported
 * rules under a separate JSON Logic implementation with the domain operations as the README
 * specifies them — reaches the runtime's verdict: accepted, or refused.
 */
const defs = loadDefinitions();
const compiled = defs.bundles.map((b) => compileBundle(defs, b.id, '320500'));
const DATE = '2026-11-27';

/** The runtime's verdict: normalised, derived fields worked out, AJV, then the rules that refuse. */
const ajvs = new Map<CompiledBundle, ReturnType<ReturnType<typeof createAjv>['compile']>>();
function runtimeVerdict(c: CompiledBundle, body: unknown): boolean {
  let validate = ajvs.get(c);
  if (!validate) ajvs.set(c, (validate = createAjv().compile(c.schema)));
  const normalized = normalizeApplication(c, body);
  const app =
    normalized && typeof normalized === 'object' && !Array.isArray(normalized)
      ? withDerived(c, normalized as Record<string, unknown>)
      : normalized;
  if (!validate(app)) return false;
  return brokenRules(c.rules, { ...(app as object), applicationDate: DATE }).every((r) => r.severity !== 'reject');
}

/** A front end's verdict from the exports alone: schema `x-rules`, any 2020-12 validator, any JSON Logic engine. */
const engine = new LogicEngine();
const OPS: Record<string, (...a: unknown[]) => unknown> = {
  idBirthDate: domainOps.idBirthDate,
  idGender: domainOps.idGender,
  idRegion: domainOps.idRegion,
  age: domainOps.age,
  monthsBetween: domainOps.monthsBetween,
  retirementAge: domainOps.retirementAge,
  retirementDate: domainOps.retirementDate,
  earliestRetirementDate: domainOps.earliestRetirementDate,
  minContributionMonths: domainOps.minContributionMonths,
};
for (const [name, fn] of Object.entries(OPS)) engine.addMethod(name, (args: unknown[]) => fn(...([] as unknown[]).concat(args)));
const cfworkers = new Map<CompiledBundle, Validator>();
function frontEndVerdict(c: CompiledBundle, body: Record<string, unknown>): boolean {
  // what a front end does itself: the ID's check character upper-cased, birth date and gender from the ID
  let app = body;
  const id = (app.person as Record<string, unknown> | undefined)?.idNumber;
  if (typeof id === 'string') app = withValue(app, 'person.idNumber', id.toUpperCase());
  for (const f of c.fields.filter((x) => x.derived)) {
    const source = (app[f.derived!.from.split('.')[0]!] as Record<string, unknown> | undefined)?.[f.derived!.from.split('.')[1]!];
    const value = OPS[f.derived!.operation]!(source);
    if (value !== null) app = withValue(app, f.id, value);
  }
  let validator = cfworkers.get(c);
  if (!validator) cfworkers.set(c, (validator = new Validator(c.schema as never, '2020-12', false)));
  if (!validator.validate(app).valid) return false;
  const rules = (c.schema['x-rules'] ?? []) as ExportedRule[];
  return rules.every((r) => r.severity !== 'reject' || Boolean(engine.run({ '!!': [r.logic] }, { ...app, applicationDate: DATE })));
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
    const cases = compiled.flatMap((c) => c.scenarios.map((s) => ({ c, s: s.id, example: exampleApplication(c, s.id) })));
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        fc.nat(cases.length - 1),
        fc.array(edit, { maxLength: 5 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        (pick, edits, ticks) => {
          const { c, s, example } = cases[pick]!;
          let app = { ...example } as Record<string, unknown>;
          for (const [path, value] of edits) app = withValue(app, path, value);
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
      { numRuns: 1500, seed: 20261127 },
    );
    // both outcomes are exercised, not just one
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });
});
