import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../../schemas/index.ts';
import { BUNDLES_DIR, shippedFiles } from '../../../server/catalog/shipped.ts';

const files = shippedFiles();

describe('shipped documents', () => {
  it('finds every shipped file: the dictionaries, calendar, parameters and regions, 65 matters, 14 bundles, 2 variants', () => {
    const count = (kind: string) => files.filter((f) => f.kind === kind).length;
    expect(['dictionary', 'materials', 'calendar', 'parameters', 'regions'].map(count)).toEqual([1, 1, 1, 1, 1]);
    expect([count('matter'), count('bundle'), count('variant')]).toEqual([65, 14, 2]);
    expect(files).toHaveLength(86);
  });

  it.each(files.map((f) => [relative(BUNDLES_DIR, f.file), f.kind, f.file] as const))('%s is a valid %s document', (_name, kind, file) => {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    expect(validateDocument(kind, doc, _name)).toEqual([]);
  });
});
