import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../schemas/index.ts';
import { BUNDLES_DIR, shippedFiles } from '../../server/catalog/shipped.ts';

const files = shippedFiles();

describe('shipped documents', () => {
  it('finds the documents', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [relative(BUNDLES_DIR, f.file), f.kind, f.file] as const))('%s is a valid %s document', (_name, kind, file) => {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    expect(validateDocument(kind, doc, _name)).toEqual([]);
  });
});
