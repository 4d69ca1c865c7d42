/**
 * Step 1 of the compiler: every document against its JSON Schema. Results are memoised
 * by object identity, so the studio's recompile on every edit re-checks only what changed.
 */
import type { ValidateFunction } from 'ajv';
import { createAjv } from './ajv.ts';
import bundleSchema from './bundle.schema.json' with { type: 'json' };
import calendarSchema from './calendar.schema.json' with { type: 'json' };
import dictionarySchema from './dictionary.schema.json' with { type: 'json' };
import { diagnostic, type Diagnostic } from './diagnostics.ts';
import type { DocumentKind } from './documents.ts';
import { documentFieldName } from './document-fields.ts';
import { describeErrors } from './error-messages.ts';
import materialsSchema from './materials.schema.json' with { type: 'json' };
import matterSchema from './matter.schema.json' with { type: 'json' };
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
  regions: regionsSchema,
};

let validators: Record<SchemaKind, ValidateFunction> | undefined;

function documentValidators(): Record<SchemaKind, ValidateFunction> {
  if (!validators) {
    const ajv = createAjv();
    for (const schema of Object.values(DOCUMENT_SCHEMAS)) ajv.addSchema(schema);
    const get = (kind: SchemaKind) => ajv.getSchema(String(DOCUMENT_SCHEMAS[kind].$id))!;
    validators = {
      dictionary: get('dictionary'),
      materials: get('materials'),
      matter: get('matter'),
      bundle: get('bundle'),
      variant: get('variant'),
      calendar: get('calendar'),
      regions: get('regions'),
    };
  }
  return validators;
}

const cache = new WeakMap<object, Diagnostic[]>();

/** Validates one document; `name` is how diagnostics refer to it (`matter:<code>` …). */
export function validateDocument(kind: SchemaKind, doc: unknown, name: string): Diagnostic[] {
  const cacheable = typeof doc === 'object' && doc !== null;
  if (cacheable) {
    const hit = cache.get(doc);
    if (hit) return hit.map((d) => ({ ...d, document: name }));
  }
  const validate = documentValidators()[kind];
  const found = validate(doc)
    ? []
    : describeErrors(validate.errors, documentFieldName).map((e) => diagnostic('document.invalid', name, e.path, { detail: e.message }));
  if (cacheable) cache.set(doc, found);
  return found;
}
