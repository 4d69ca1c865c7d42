/**
 * JSON Schema 2020-12 validation without generating code, for pages whose Content Security
 * Policy forbids `eval` (the studio). @cfworker/json-schema interprets the schema; its
 * findings are turned into AJV-shaped errors — leaf errors only, with the same params — so
 * `describeErrors` words them exactly as the server's AJV does. Tests hold the two engines
 * to the same verdicts and the same messages.
 */
import { format as FORMAT_CHECKS, Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import type { ErrorObject } from 'ajv';
import { namedFormats } from './ajv.ts';

// our named formats, as AJV has them (the library's table is the one it consults)
Object.assign(FORMAT_CHECKS, namedFormats());

/** Keywords that only say a subschema failed; the failing leaf is reported on its own. */
const WRAPPERS = new Set([
  '$ref',
  '$recursiveRef',
  'properties',
  'patternProperties',
  'items',
  'prefixItems',
  'additionalItems',
  'unevaluatedItems',
  'allOf',
  'anyOf',
  'dependentSchemas',
  'propertyNames',
  'false',
]);

/** A validator over a root schema and the schemas it refers to. */
export interface InterpretedValidator {
  /** AJV-shaped errors, or null when the instance is valid. */
  (instance: unknown): ErrorObject[] | null;
}

const decode = (part: string) => part.replace(/~1/g, '/').replace(/~0/g, '~');

/** The schema value a keyword location names, following `$ref`s through the given schemas. */
function valueAt(location: string, root: Schema, byId: Map<string, Schema>): unknown {
  let node: unknown = root;
  let base: Schema = root;
  for (const part of location.replace(/^#/, '').split('/').slice(1).map(decode)) {
    if (part === '$ref' && node && typeof node === 'object' && typeof (node as Schema).$ref === 'string') {
      const [file, pointer = ''] = (node as Schema).$ref!.split('#');
      if (file) base = byId.get(file.split('/').pop()!) ?? base;
      node = pointer
        .split('/')
        .slice(1)
        .map(decode)
        .reduce<unknown>((n, key) => (n as Record<string, unknown> | undefined)?.[key], base);
      continue;
    }
    node = (node as Record<string, unknown> | undefined)?.[part];
  }
  return node;
}

/** The quoted name in one of the library's messages (a missing or an extra property). */
const quoted = (unit: OutputUnit) => /"([^"]*)"/.exec(unit.error)?.[1] ?? '';

/** One finding as AJV reports it, or null for a wrapper. */
function toAjv(unit: OutputUnit, root: Schema, byId: Map<string, Schema>): ErrorObject | null {
  if (WRAPPERS.has(unit.keyword)) return null;
  const instancePath = unit.instanceLocation.replace(/^#/, '');
  const schemaPath = unit.keywordLocation;
  const value = valueAt(unit.keywordLocation, root, byId);
  const error = (params: Record<string, unknown>): ErrorObject => ({ keyword: unit.keyword, instancePath, schemaPath, params });
  switch (unit.keyword) {
    case 'required':
      return error({ missingProperty: quoted(unit) });
    case 'additionalProperties':
      // against a schema (not `false`), the value's own failure is the finding, as AJV reports it
      return value === false ? error({ additionalProperty: quoted(unit) }) : null;
    case 'unevaluatedProperties':
      return error({ unevaluatedProperty: quoted(unit) });
    case 'type':
      return error({ type: Array.isArray(value) ? value.join(',') : value });
    case 'format':
      return error({ format: value });
    case 'pattern':
      return error({ pattern: value });
    case 'enum':
      return error({ allowedValues: value });
    case 'const':
      return error({ allowedValue: value });
    case 'if':
      return error({ failingKeyword: unit.error.includes('"else"') ? 'else' : 'then' });
    default:
      return error({ limit: value });
  }
}

/**
 * Compiles nothing: returns a function that interprets `root` (with `refs`, the schemas it
 * refers to by `$id`) for each instance. The schemas are copied, never annotated in place.
 */
export function interpretedValidator(root: Record<string, unknown>, refs: readonly Record<string, unknown>[] = []): InterpretedValidator {
  const copy = (s: Record<string, unknown>) => JSON.parse(JSON.stringify(s)) as Schema;
  const rootCopy = copy(root);
  const refCopies = refs.filter((r) => r !== root).map(copy);
  const byId = new Map<string, Schema>([rootCopy, ...refCopies].filter((s) => s.$id).map((s) => [String(s.$id).split('/').pop()!, s]));
  const validator = new Validator(rootCopy, '2020-12', false);
  for (const ref of refCopies) validator.addSchema(ref);
  return (instance) => {
    const result = validator.validate(instance);
    if (result.valid) return null;
    const errors = result.errors.map((u) => toAjv(u, rootCopy, byId)).filter((e): e is ErrorObject => e !== null);
    // a property whose own value failed is not "unevaluated" (the spec drops annotations of failed
    // subschemas; AJV, and the official, see the one real mistake)
    const failedBelow = (path: string) => errors.some((e) => e.instancePath === path || e.instancePath.startsWith(`${path}/`));
    return errors.filter((e) => {
      if (e.keyword !== 'unevaluatedProperties') return true;
      const property = String(e.params.unevaluatedProperty).replace(/~/g, '~0').replace(/\//g, '~1');
      return !failedBelow(`${e.instancePath}/${property}`);
    });
  };
}
