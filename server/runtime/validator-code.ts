/**
 * Precompiled application validators: AJV's standalone code of a published schema, written
 * once (at publish, or on the first validation anywhere) and stored with the artifact, so that
 * any other instance, or this one after a restart, loads it in a few milliseconds instead of
 * compiling the schema (tens of milliseconds each, 196 artifacts). The code is executed, so it
 * is signed (HMAC-SHA256 with VALIDATOR_KEY): code someone put in the database by other means
 * is never run — the schema is compiled instead.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { createAjv, namedFormats, STANDALONE_FORMATS, type JsonSchema } from '../../schemas/index.ts';
import { re2RegExp } from '../../schemas/safe-pattern.ts';
import type { StoredValidator } from '../store/store.ts';

/** The signature of a validator's code under `key`. */
export function macOf(code: string, key: string): string {
  return createHmac('sha256', key).update(code).digest('hex');
}

/** Compiles a schema, keeping the code to store: the validator and its signed code. */
export function compileWithCode(schema: JsonSchema, key: string): { validate: ValidateFunction; stored: StoredValidator } {
  // one instance per schema: a long-lived one would keep every schema it ever compiled
  const ajv = createAjv({ standalone: true });
  const validate = ajv.compile(schema);
  const code = standaloneCode(ajv, validate);
  return { validate, stored: { code, mac: macOf(code, key) } };
}

const moduleRequire = createRequire(import.meta.url);
const formats = Object.fromEntries(Object.entries(namedFormats()).map(([name, validate]) => [name, { type: 'string', validate }]));
/** What standalone code may require: AJV's runtime helpers, and our formats. */
const requireFor = (id: string): unknown => {
  if (id === STANDALONE_FORMATS) return formats;
  if (id.startsWith('ajv/dist/runtime/')) return moduleRequire(id) as unknown;
  throw new Error(`validator code requires ${id}`);
};

/** The validator in stored code, when its signature holds under `key`; null otherwise (compile instead). */
export function loadValidator(stored: StoredValidator, key: string): ValidateFunction | null {
  const expected = Buffer.from(macOf(stored.code, key), 'hex');
  const given = Buffer.from(stored.mac, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const module = { exports: {} as { default?: ValidateFunction } };
  // the code is ours, signed at publish: CommonJS, needing only AJV's runtime, our formats and RE2
  new Function('module', 'exports', 'require', 'RE2', stored.code)(module, module.exports, requireFor, re2RegExp);
  return module.exports.default ?? (module.exports as unknown as ValidateFunction);
}
