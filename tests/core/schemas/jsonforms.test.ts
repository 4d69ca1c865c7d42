import { Actions, coreReducer, createAjv } from '@jsonforms/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileBundle, exampleApplication, fieldPointer, requiredFieldsFor } from '../../../schemas/index.ts';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';
import { jsonFormsAjv } from '../../support/jsonforms-ajv.ts';

/** JSON Forms, as a portal runs it, on every shipped bundle's exported schema and UI schema. */
const defs = loadDefinitions();
const formState = (schema: object, uischema: object, data: unknown, ajv: ReturnType<typeof jsonFormsAjv>) =>
  coreReducer(undefined, Actions.init(data, schema as never, uischema as never, { ajv: ajv as never }));

describe('JSON Forms renders and validates the exported forms with an Ajv2020 instance', () => {
  it('cannot read them with its default (draft-07) AJV — hence the README', () => {
    const compiled = compileBundle(defs, 'unemployment', '320000');
    expect(() => createAjv().compile(compiled.schema)).toThrow(/2020-12/);
  });

  it.each(defs.bundles.map((b) => b.id))('%s: the example is valid, a missing required field is the one error', (id) => {
    const compiled = compileBundle(defs, id, '320000');
    const ajv = jsonFormsAjv();
    const example = exampleApplication(compiled) as Record<string, Record<string, unknown>>;
    expect(formState(compiled.schema, compiled.uiSchema, example, ajv).errors).toEqual([]);
    const field = requiredFieldsFor(compiled, example.matters as unknown as string[])[0]!;
    const broken = structuredClone(example);
    // an employer's bundle: the field of its (first) employee
    const holder = compiled.roster ? (broken.employees as unknown as Record<string, Record<string, unknown>>[])[0]! : broken;
    const part = field.section in holder ? holder : broken;
    delete part[field.section]![field.key];
    const errors = formState(compiled.schema, compiled.uiSchema, broken, ajv).errors!;
    const required = errors.filter((e) => e.keyword === 'required');
    // every selected matter that requires it says so; all say the same
    expect(new Set(required.map((e) => `${e.instancePath}/${String(e.params.missingProperty)}`))).toEqual(
      new Set([fieldPointer(compiled, field)]),
    );
  });

  it('is the snippet the README gives front-end developers', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');
    const body = readFileSync(join(import.meta.dirname, '..', '..', 'support', 'jsonforms-ajv.ts'), 'utf8');
    const lines = body.split('\n').filter((l) => /^\s+(const ajv|addFormats\(ajv\)|for \(const f)/.test(l));
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(readme).toContain(line.trim());
  });
});
