/**
 * Step 1 of the compiler: every document against its JSON Schema. Results are memoised
 * by object identity, so the studio's recompile on every edit re-checks only what changed.
 * The schemas are interpreted (no code generation), so the studio runs without 'unsafe-eval'.
 */
import bundleSchema from './bundle.schema.json' with { type: 'json' };
import calendarSchema from './calendar.schema.json' with { type: 'json' };
import dictionarySchema from './dictionary.schema.json' with { type: 'json' };
import { diagnostic, type Diagnostic } from './diagnostics.ts';
import type { DocumentKind } from './documents.ts';
import { documentFieldName } from './document-fields.ts';
import { describeErrors } from './error-messages.ts';
import { interpretedValidator, type InterpretedValidator } from './interpreted-validation.ts';
import logicSchema from './logic.schema.json' with { type: 'json' };
import materialsSchema from './materials.schema.json' with { type: 'json' };
import matterSchema from './matter.schema.json' with { type: 'json' };
import parametersSchema from './parameters.schema.json' with { type: 'json' };
import regionsSchema from './regions.schema.json' with { type: 'json' };
import variantSchema from './variant.schema.json' with { type: 'json' };

/** What has a JSON Schema here: every kind of authored document, and the shipped regions list. */
export type SchemaKind = DocumentKind | 'regions';

/** The JSON Schema of each kind. */
export const DOCUMENT_SCHEMAS: Record<SchemaKind, Record<string, unknown>> = {
  dictionary: dictionarySchema,
  materials: materialsSchema,
  matter: matterSchema,
  bundle: bundleSchema,
  variant: variantSchema,
  calendar: calendarSchema,
  parameters: parametersSchema,
  regions: regionsSchema,
};

/** Schemas the documents' schemas refer to that describe no document of their own: the logic of a bundle. */
export const SHARED_SCHEMAS: Record<'logic', Record<string, unknown>> = { logic: logicSchema };

/** Every schema a document's schema may refer to. */
export const REFERENCED_SCHEMAS: readonly Record<string, unknown>[] = [...Object.values(DOCUMENT_SCHEMAS), logicSchema];

let validators: Record<SchemaKind, InterpretedValidator> | undefined;

/** Interpreted, not compiled: documents are validated the same way in the server and in the studio, whose CSP forbids eval. */
function documentValidators(): Record<SchemaKind, InterpretedValidator> {
  if (!validators) {
    const of = (kind: SchemaKind) => interpretedValidator(DOCUMENT_SCHEMAS[kind], REFERENCED_SCHEMAS);
    validators = {
      dictionary: of('dictionary'),
      materials: of('materials'),
      matter: of('matter'),
      bundle: of('bundle'),
      variant: of('variant'),
      calendar: of('calendar'),
      parameters: of('parameters'),
      regions: of('regions'),
    };
  }
  return validators;
}

const cache = new WeakMap<object, Diagnostic[]>();

/** The bounds a field's constraints pair: a lower one above its upper one admits no value at all. */
const RANGES = [
  ['minLength', 'maxLength'],
  ['minimum', 'maximum'],
] as const;

/** Ranges that admit nothing (长度 60–50), anywhere in a document or a part of one, at the lower bound, in words. */
export function emptyRanges(value: unknown, path = '', out: { path: string; message: string }[] = []): { path: string; message: string }[] {
  if (Array.isArray(value)) value.forEach((v, i) => emptyRanges(v, `${path}/${i}`, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const [lo, hi] of RANGES) {
      const [a, b] = [o[lo], o[hi]];
      if (typeof a === 'number' && typeof b === 'number' && a > b)
        out.push({
          path: `${path}/${lo}`,
          message: `「${documentFieldName(`${path}/${lo}`)}」${a} 大于「${documentFieldName(`/${hi}`)}」${b}`,
        });
    }
    for (const [k, v] of Object.entries(o)) emptyRanges(v, `${path}/${k}`, out);
  }
  return out;
}

/** Validates one document; `name` is how diagnostics refer to it (`matter:<code>` …). */
export function validateDocument(kind: SchemaKind, doc: unknown, name: string): Diagnostic[] {
  const cacheable = typeof doc === 'object' && doc !== null;
  if (cacheable) {
    const hit = cache.get(doc);
    if (hit) return hit.map((d) => ({ ...d, document: name }));
  }
  const errors = documentValidators()[kind](doc);
  const described = errors ? describeErrors(errors, documentFieldName) : [];
  if (!errors) emptyRanges(doc, '', described);
  const found = described.map((e) => diagnostic('document.invalid', name, e.path, { detail: e.message }));
  if (cacheable) cache.set(doc, found);
  return found;
}
