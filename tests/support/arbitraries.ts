/**
 * fast-check generators of whole definitions: a random dictionary, matters that narrow its
 * elements compatibly (so merging never conflicts), and bundles of 1–3 scenarios.
 */
import fc from 'fast-check';
import type {
  Bundle,
  Definitions,
  DictionaryElement,
  FieldConstraints,
  FieldType,
  Matter,
  MatterField,
  Mode,
  Scenario,
} from '../../schemas/index.ts';
import { materials } from './fixtures.ts';

const TYPES: FieldType[] = ['string', 'text', 'integer', 'number', 'boolean', 'date', 'enum', 'multi-enum'];
const SECTIONS = ['person', 'contact', 'org'];

const element = (i: number): fc.Arbitrary<DictionaryElement> =>
  fc
    .record({
      type: fc.constantFrom(...TYPES),
      section: fc.constantFrom(...SECTIONS),
      low: fc.integer({ min: 0, max: 5 }),
      span: fc.integer({ min: 5, max: 40 }),
      format: fc.boolean(),
    })
    .map(({ type, section, low, span, format }) => {
      const e: DictionaryElement = { id: `${section}.f${i}`, label: `字段${i}`, type };
      if (type === 'string' && format && i % 3 === 0) e.format = i % 2 ? 'cn-id-number' : 'cn-mobile';
      else if (type === 'string' || type === 'text') Object.assign(e, { minLength: low, maxLength: low + span });
      if (type === 'integer' || type === 'number') Object.assign(e, { minimum: low, maximum: low + span });
      if (type === 'enum' || type === 'multi-enum')
        e.options = Array.from({ length: 3 + (span % 3) }, (_, k) => ({ value: `v${k}`, label: `选项${k}` }));
      return e;
    });

/** A narrowing override that keeps the field satisfiable and compatible with any other. */
function override(e: DictionaryElement, pick: number): FieldConstraints | undefined {
  if ((e.type === 'string' || e.type === 'text') && e.maxLength !== undefined && pick % 2) return { maxLength: e.maxLength - (pick % 3) };
  if ((e.type === 'integer' || e.type === 'number') && e.maximum !== undefined && pick % 2) return { maximum: e.maximum - (pick % 3) };
  return undefined;
}

/** Random definitions with one bundle `random`. */
export const randomDefinitions: fc.Arbitrary<Definitions> = fc
  .integer({ min: 1, max: 12 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => element(i))))
  .chain((elements) =>
    fc.record({
      elements: fc.constant(elements),
      matters: fc.array(
        fc.record({
          picks: fc.array(fc.tuple(fc.nat(elements.length - 1), fc.boolean(), fc.nat()), { maxLength: 8 }),
          local: fc.option(fc.boolean(), { nil: undefined }),
          days: fc.integer({ min: 0, max: 20 }),
          target: fc.constantFrom('individual' as const, 'organization' as const),
        }),
        { minLength: 1, maxLength: 8 },
      ),
      scenarios: fc.array(
        fc.record({
          mode: fc.constantFrom<Mode>('integrated', 'parallel', 'serial'),
          members: fc.array(fc.tuple(fc.nat(7), fc.boolean()), { minLength: 1, maxLength: 8 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  )
  .map(({ elements, matters: specs, scenarios: scenarioSpecs }) => {
    const matters: Matter[] = specs.map((spec, i) => {
      const seen = new Set<string>();
      const fields: MatterField[] = [];
      for (const [k, required, pick] of spec.picks) {
        const e = elements[k]!;
        if (seen.has(e.id)) continue;
        seen.add(e.id);
        const o = override(e, pick);
        fields.push(o ? { ref: e.id, required, override: o } : { ref: e.id, required });
      }
      if (spec.local !== undefined)
        fields.push({ local: { id: 'extra', label: '补充说明', type: 'string', maxLength: 50 }, required: spec.local });
      return {
        code: `M${String(i).padStart(3, '0')}`,
        name: `事项${i}`,
        kind: '20',
        target: spec.target,
        department: `机构${i % 3}`,
        legalDays: spec.days + 5,
        promisedDays: spec.days,
        visits: i % 2,
        fields,
        materials: [{ ref: 'idCard', necessity: 'required', form: 'either', copies: 1, eLicense: i % 2 === 0 }],
      };
    });
    const scenarios: Scenario[] = scenarioSpecs.map((s, si) => {
      const codes = [...new Set(s.members.map(([k]) => matters[k % matters.length]!.code))];
      return {
        id: `s${si}`,
        label: `情形${si}`,
        target: 'individual',
        mode: s.mode,
        items: codes.map((matter, k) => ({ matter, selection: s.members[k]?.[1] ? 'required' : 'optional' })),
      };
    });
    const bundle: Bundle = { id: 'random', name: '随机一件事', version: 1, region: '320000', lead: '省人社厅', scenarios };
    return {
      dictionary: { sections: SECTIONS.map((id) => ({ id, label: id })), elements },
      materials,
      matters,
      bundles: [bundle],
      variants: [],
    } satisfies Definitions;
  });
