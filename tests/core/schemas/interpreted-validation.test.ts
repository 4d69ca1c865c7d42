import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileBundle,
  createAjv,
  describeErrors,
  documentFieldName,
  DOCUMENT_SCHEMAS,
  exampleApplication,
  REFERENCED_SCHEMAS,
  fieldTitles,
  type SchemaKind,
} from '../../../schemas/index.ts';
import { interpretedValidator } from '../../../schemas/interpreted-validation.ts';
import { loadDefinitions, shippedDocuments } from '../../../server/catalog/shipped.ts';
import { runs } from '../../support/runs.ts';

/**
 * The studio validates without code generation (no 'unsafe-eval'); the server with AJV. The
 * two must agree on every verdict and every message an official or applicant reads.
 */
const ajv = createAjv();
for (const schema of REFERENCED_SCHEMAS) ajv.addSchema(schema);
const refs = REFERENCED_SCHEMAS;
const interpreted = Object.fromEntries(
  Object.entries(DOCUMENT_SCHEMAS).map(([kind, schema]) => [kind, interpretedValidator(schema, refs)]),
) as Record<SchemaKind, ReturnType<typeof interpretedValidator>>;

type Words = { path: string; message: string }[];
const sorted = (w: Words) => [...w].sort((a, b) => a.path.localeCompare(b.path) || a.message.localeCompare(b.message));

/** What each engine tells the official about a document. */
function documentWords(kind: SchemaKind, doc: unknown): { ajv: Words; interpreted: Words } {
  const validate = ajv.getSchema(String(DOCUMENT_SCHEMAS[kind].$id))!;
  const fromAjv = validate(doc) ? [] : describeErrors(validate.errors, documentFieldName);
  const errors = interpreted[kind](doc);
  const fromInterpreted = errors ? describeErrors(errors, documentFieldName) : [];
  const words = (list: typeof fromAjv) => sorted(list.map(({ path, message }) => ({ path, message })));
  return { ajv: words(fromAjv), interpreted: words(fromInterpreted) };
}

/** Every leaf of a JSON value with its path. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [path];
}

function setAt(doc: unknown, path: (string | number)[], change: (old: unknown) => unknown): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  const next = change(node[last]);
  if (next === undefined && Array.isArray(node)) node.splice(Number(last), 1);
  else if (next === undefined) delete node[last];
  else node[last] = next;
  return copy;
}

/** The mistakes an official can make in one value. */
const MISTAKES: [string, (old: unknown) => unknown][] = [
  ['removed', () => undefined],
  ['emptied', () => ''],
  ['far too long', () => '长'.repeat(600)],
  ['a number for text', (old) => (typeof old === 'string' ? 42 : 'x')],
  ['negative', () => -1],
  ['a fraction', () => 1.5],
  ['an object', () => ({ unexpected: true })],
  ['null', () => null],
];

describe('validation without code generation agrees with AJV', () => {
  const documents = shippedDocuments();

  it('on every shipped document: all valid', () => {
    for (const d of documents) expect(documentWords(d.kind, d.body), `${d.kind}:${d.id}`).toEqual({ ajv: [], interpreted: [] });
  });

  it('on every mistake in every value of every shipped document, in the same words', () => {
    let compared = 0;
    const most = runs(400);
    for (const d of documents) {
      const paths = leaves(d.body);
      // every path of small documents; an even sample of the large ones (of the dictionary's thousands)
      const sample = paths.length > most ? paths.filter((_, i) => i % Math.ceil(paths.length / most) === 0) : paths;
      // three of the mistakes at each value, rotating, so every mistake meets every kind of value
      for (const [i, path] of sample.entries())
        for (const [mistake, change] of [0, 1, 2].map((k) => MISTAKES[(i + k * 3) % MISTAKES.length]!)) {
          const words = documentWords(d.kind, setAt(d.body, path, change));
          expect(words.interpreted, `${d.kind}:${d.id} /${path.join('/')} ${mistake}`).toEqual(words.ajv);
          compared++;
        }
    }
    expect(compared).toBeGreaterThan(runs(3000));
  });

  it('on extra properties and wrong shapes at the top of each kind', () => {
    for (const d of documents.filter((x, i, all) => all.findIndex((y) => y.kind === x.kind) === i)) {
      for (const doc of [{ ...(d.body as object), surprise: 1 }, [], 'text', 7, null]) {
        const words = documentWords(d.kind, doc);
        expect(words.interpreted, `${d.kind} ${JSON.stringify(doc).slice(0, 40)}`).toEqual(words.ajv);
      }
    }
  });

  it('on applications to every shipped bundle, valid and broken, in the same words', () => {
    const defs = loadDefinitions();
    for (const b of defs.bundles) {
      const compiled = compileBundle(defs, b.id, '320000');
      const validate = createAjv().compile(compiled.schema);
      const validateInterpreted = interpretedValidator(compiled.schema);
      const titles = fieldTitles(compiled);
      const context = { schema: compiled.schema };
      const words = (app: unknown) => {
        const fromAjv = validate(app) ? [] : describeErrors(validate.errors, (p) => titles.get(p), { ...context, data: app });
        const errors = validateInterpreted(app);
        const fromInterpreted = errors ? describeErrors(errors, (p) => titles.get(p), { ...context, data: app }) : [];
        return { ajv: sorted(fromAjv), interpreted: sorted(fromInterpreted) };
      };
      for (const scenario of compiled.scenarios) {
        const app = exampleApplication(compiled, scenario.id) as Record<string, unknown>;
        expect(words(app)).toEqual({ ajv: [], interpreted: [] });
        fc.assert(
          fc.property(fc.constantFrom(...leaves(app)), fc.constantFrom(...MISTAKES), (path, [, change]) => {
            const w = words(setAt(app, path, change));
            expect(w.interpreted).toEqual(w.ajv);
          }),
          { numRuns: runs(60), seed: 20261127 },
        );
        // the wrong matters, a missing scenario
        for (const broken of [
          { ...app, matters: ['NOT-A-MATTER'] },
          { ...app, matters: [] },
          { ...app, scenario: 'nope' },
          { ...app, unexpected: 1 },
        ]) {
          const w = words(broken);
          expect(w.interpreted, `${b.id} ${JSON.stringify(broken).slice(0, 60)}`).toEqual(w.ajv);
        }
      }
    }
  });
});
