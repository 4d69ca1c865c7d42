import { describe, expect, it } from 'vitest';
import { compileBundle } from '../../schemas/index.ts';
import { syntheticCatalog } from './synthetic-catalog.ts';

/** The benchmarks time compiles of this catalog and refuse one with errors: it must stay a valid catalog as the model grows. */
describe('the benchmarks’ synthetic catalog', () => {
  it('compiles without an error, the sizes the benchmark uses included', () => {
    const { definitions, makeBundle } = syntheticCatalog(500, 1200);
    for (const size of [20, 200]) {
      const bundle = makeBundle(`b${size}`, size, 100);
      const errors = compileBundle({ ...definitions, bundles: [bundle] }, bundle.id, '320000').diagnostics.filter(
        (d) => d.severity === 'error',
      );
      expect(errors.map((d) => d.message)).toEqual([]);
    }
  });
});
