/**
 * The AJV a front end hands to JSON Forms for the exported schemas, exactly as the README
 * shows it (a test holds the two together): JSON Schema 2020-12, the standard formats, and
 * the named formats as known (each such field's `pattern` checks its shape; check digits
 * are the server's). JSON Forms' own default AJV speaks draft-07 and cannot read them.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

export function jsonFormsAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false });
  addFormats(ajv);
  for (const f of ['cn-id-number', 'cn-uscc', 'cn-mobile', 'cn-phone', 'cn-bank-card', 'cn-postcode']) ajv.addFormat(f, true);
  return ajv;
}
