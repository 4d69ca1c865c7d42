import { describe, expect, it } from 'vitest';
import { compileBundle } from '../../../schemas/index.ts';
import { loadDefinitions, loadRegions } from '../../../server/catalog/shipped.ts';

const defs = loadDefinitions();

describe('shipped bundles', () => {
  it.each(defs.bundles.flatMap((b) => loadRegions().map((r) => r.code).map((r) => [b.id, r] as const)))('%s compiles for %s without errors', (id, region) => {
    const errors = compileBundle(defs, id, region).diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('every variant applies without conflicts', () => {
    for (const v of defs.variants) {
      const compiled = compileBundle(defs, v.bundle, v.region);
      expect(compiled.variant?.id).toBe(v.id);
      expect(compiled.diagnostics.filter((d) => d.code === 'variant.conflict')).toEqual([]);
    }
  });
});
