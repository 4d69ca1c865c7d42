/**
 * The one way this project builds an AJV instance: JSON Schema 2020-12, all errors, our
 * named formats and `x-` annotations registered. Used for documents and applications,
 * in the server and in the studio's preview alike.
 */
import { _ } from 'ajv/dist/compile/codegen/index.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { formatValidators } from './formats.ts';
import { isPlainText } from './plain-text.ts';
import { patternProblem, re2RegExp } from './safe-pattern.ts';

/** The annotation keywords our emitted schemas carry; validators ignore them. */
export const ANNOTATION_KEYWORDS = ['x-field', 'x-sources', 'x-pii', 'x-matter', 'x-section', 'x-derived', 'x-rules', 'x-unique'] as const;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** RFC 3339 full-date that names a real calendar day. */
export function isValidDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** RFC 3339 date-time (as the API's timestamps are written). */
export function isValidDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  return m !== null && isValidDate(m[1]!);
}

/** Every named format a schema of ours may use, by name. */
export function namedFormats(): Record<string, (value: string) => boolean> {
  return {
    date: isValidDate,
    'date-time': isValidDateTime,
    'safe-pattern': (p: string) => patternProblem(p) === null,
    'plain-text': isPlainText,
    ...formatValidators(),
  };
}

/** What standalone validator code requires for the named formats (the loader provides it). */
export const STANDALONE_FORMATS = 'yjs:formats';

/**
 * A new AJV 2020-12 instance with our formats; create one per purpose and keep it. With
 * `standalone`, it also keeps each validator's source, for `ajv/dist/standalone` to write out.
 */
export function createAjv(options: { standalone?: boolean } = {}): Ajv2020 {
  // patterns run in RE2: linear time whatever an official authored or an applicant typed
  const ajv = new Ajv2020({
    code: options.standalone ? { source: true, regExp: re2RegExp, formats: _`require(${STANDALONE_FORMATS})` } : { regExp: re2RegExp },
    allErrors: true,
    strictSchema: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allowUnionTypes: true,
  });
  for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword, schemaType: ['string', 'array', 'boolean', 'object'] });
  for (const [name, validate] of Object.entries(namedFormats())) ajv.addFormat(name, { type: 'string', validate });
  return ajv;
}
