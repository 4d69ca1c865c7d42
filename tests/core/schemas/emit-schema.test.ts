import { Validator } from '@cfworker/json-schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allMatters,
  compileBundle,
  createAjv,
  exampleApplication,
  requiredFieldsFor,
  requiredMatters,
  hasErrors,
  type CompiledBundle,
  type JsonSchema,
  type UiElement,
} from '../../../schemas/index.ts';
import { randomDefinitions } from '../../support/arbitraries.ts';
import { bundle, definitions, field, matter } from '../../support/fixtures.ts';
import { runs } from '../../support/runs.ts';

const ajv = createAjv();
const compiledValidators = new WeakMap<JsonSchema, ReturnType<typeof ajv.compile>>();

/** Random bundles share `$id`s, so each schema gets its own AJV instance (AJV caches by id). */
function ajvValidator(schema: JsonSchema) {
  let validate = compiledValidators.get(schema);
  if (!validate) {
    validate = createAjv().compile(schema);
    compiledValidators.set(schema, validate);
  }
  return validate;
}

/** Both validators' verdicts on one application. */
function verdicts(schema: JsonSchema, app: unknown): { ajv: boolean; cfworker: boolean } {
  const validate = ajvValidator(schema);
  const cf = new Validator(schema as never, '2020-12', false);
  return { ajv: validate(app) === true, cfworker: cf.validate(app).valid };
}

function without(app: Record<string, unknown>, section: string, key: string): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(app)) as Record<string, Record<string, unknown>>;
  delete copy[section]![key];
  return copy;
}

function controls(ui: UiElement): UiElement[] {
  return ui.type === 'Control' ? [ui] : (ui.elements ?? []).flatMap(controls);
}

function resolve(schema: JsonSchema, scope: string): unknown {
  return scope
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], schema);
}

const fixture = (): CompiledBundle => {
  const a = matter('A001', { fields: [field('person.name'), field('person.idNumber'), field('contact.mobile', false)] });
  const b = matter('B001', {
    fields: [
      field('person.name'),
      field('bank.accountNumber'),
      { local: { id: 'reason', label: '申请理由', type: 'text', maxLength: 200 }, required: true },
    ],
  });
  return compileBundle(definitions([a, b], [bundle(['A001', 'B001'])]), 'test-bundle', '320000');
};

describe('emit schema', () => {
  it('emits a valid JSON Schema 2020-12 with a Chinese title and description on every property', () => {
    const { schema } = fixture();
    expect(ajv.validateSchema(schema)).toBe(true);
    const walk = (node: Record<string, unknown>) => {
      for (const prop of Object.values((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        expect(prop.title).toMatch(/[\u4e00-\u9fff]/);
        expect(prop.description).toMatch(/[\u4e00-\u9fff]/);
        walk(prop);
      }
    };
    walk(schema);
  });

  it('uses no validator-specific keywords except x- annotations', () => {
    const text = JSON.stringify(fixture().schema);
    const keys = [...text.matchAll(/"([^"]+)":/g)].map((m) => m[1]!);
    const standard = new Set([
      '$schema',
      '$id',
      'title',
      'description',
      'type',
      'required',
      'properties',
      'additionalProperties',
      'allOf',
      'if',
      'then',
      'const',
      'enum',
      'oneOf',
      'items',
      'contains',
      'minItems',
      'uniqueItems',
      'minLength',
      'maxLength',
      'minimum',
      'maximum',
      'pattern',
      'format',
    ]);
    const names = new Set(
      Object.keys(fixture().schema.properties as object).concat([
        'name',
        'idNumber',
        'mobile',
        'accountNumber',
        'reason',
        'scenario',
        'matters',
        'person',
        'contact',
        'bank',
        'matter_A001',
        'matter_B001',
      ]),
    );
    for (const k of keys) if (!standard.has(k) && !names.has(k)) expect(k).toMatch(/^x-/);
  });

  it('carries the checksummed formats as a shape pattern and a named format', () => {
    const person = (fixture().schema.properties as Record<string, JsonSchema>).person!;
    expect((person.properties as Record<string, JsonSchema>).idNumber).toMatchObject({
      format: 'cn-id-number',
      pattern: '^[1-9][0-9]{16}[0-9Xx]$',
    });
  });

  it('has a UI schema whose every control scope resolves into the schema', () => {
    const { schema, uiSchema } = fixture();
    const all = controls(uiSchema);
    expect(all.length).toBeGreaterThan(4);
    for (const c of all) expect(resolve(schema, c.scope!), c.scope).toBeTruthy();
    const reason = all.find((c) => c.scope?.endsWith('/reason'))!;
    expect(reason.options).toEqual({ multi: true });
  });

  it.each([
    ['a complete application', (app: Record<string, unknown>) => app, true],
    ['a missing required matter', (app: Record<string, unknown>) => ({ ...app, matters: ['B001'] }), false],
    ['a matter of no scenario', (app: Record<string, unknown>) => ({ ...app, matters: ['A001', 'Z999'] }), false],
    ['no matter at all', (app: Record<string, unknown>) => ({ ...app, matters: [] }), false],
    [
      'a wrong ID checksum (shape still fine)',
      (app: Record<string, unknown>) => ({ ...app, person: { ...(app.person as object), idNumber: '110105194912310021' } }),
      false,
    ],
    ['an unknown property', (app: Record<string, unknown>) => ({ ...app, hacker: 1 }), false],
  ])('judges %s', (_name, mutate, valid) => {
    const compiled = fixture();
    const app = mutate(exampleApplication(compiled));
    expect(verdicts(compiled.schema, app).ajv).toBe(valid);
  });

  it('makes a field required only when a selected matter requires it', () => {
    const compiled = fixture();
    const onlyA = exampleApplication(compiled, 'main', ['A001']);
    expect(verdicts(compiled.schema, without(onlyA, 'contact', 'mobile')).ajv).toBe(true);
    expect(verdicts(compiled.schema, without(onlyA, 'person', 'idNumber')).ajv).toBe(false);
    const both = exampleApplication(compiled, 'main', ['A001', 'B001']);
    expect(verdicts(compiled.schema, without(both, 'bank', 'accountNumber')).ajv).toBe(false);
  });
});

describe('emit schema: random bundles', () => {
  it('is deterministic', () => {
    fc.assert(
      fc.property(randomDefinitions, (defs) => {
        const copy = JSON.parse(JSON.stringify(defs)) as typeof defs;
        expect(JSON.stringify(compileBundle(copy, 'random', '320000'))).toBe(JSON.stringify(compileBundle(defs, 'random', '320000')));
      }),
      { numRuns: runs(60) },
    );
  });

  it('accepts a generated application and rejects it once any conditionally required field is removed; two validators agree', () => {
    fc.assert(
      fc.property(randomDefinitions, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), (defs, ticks) => {
        const compiled = compileBundle(defs, 'random', '320000');
        expect(hasErrors(compiled.diagnostics)).toBe(false);
        for (const scenario of compiled.scenarios) {
          const optional = allMatters(scenario).filter((c, i) => !requiredMatters(scenario).includes(c) && ticks[i % 8]);
          const selected = [...requiredMatters(scenario), ...optional];
          if (selected.length === 0) continue;
          const app = exampleApplication(compiled, scenario.id, selected);
          expect(verdicts(compiled.schema, app)).toEqual({ ajv: true, cfworker: true });
          const required = new Set(requiredFieldsFor(compiled, selected).map((f) => f.id));
          for (const f of compiled.fields) {
            const section = app[f.section] as Record<string, unknown> | undefined;
            if (!section || !(f.key in section)) continue;
            const expected = !required.has(f.id);
            expect(verdicts(compiled.schema, without(app, f.section, f.key)), f.id).toEqual({ ajv: expected, cfworker: expected });
          }
        }
      }),
      { numRuns: runs(80) },
    );
  });
});
