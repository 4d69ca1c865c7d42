import { describe, expect, it } from 'vitest';
import { compileDraft, compileForRegion, variantBase, type Bundle, type Variant } from '../../../schemas/index.ts';
import { bundle, definitions, matter } from '../../support/fixtures.ts';

const A = matter('A001', { promisedDays: 3 });
const B = matter('B001', { promisedDays: 7 });
const draft = bundle(['A001', 'B001'], {}, { name: '草稿' });
const v1: Bundle = { ...bundle(['A001']), name: '第一版' };
const variant: Variant = {
  id: 'v',
  bundle: 'test-bundle',
  baseVersion: 1,
  region: '320500',
  operations: [{ op: 'tightenDays', scenario: 'main', days: 2 }],
};
const defs = definitions([A, B], [draft], { variants: [variant] });

describe('drafts', () => {
  it('bases a variant on the newest live version, else on the draft', () => {
    const versions = [
      { version: 1, state: 'published' as const, pilotRegions: [], body: v1 },
      { version: 2, state: 'retired' as const, pilotRegions: [], body: draft },
    ];
    expect(variantBase(versions, draft)).toBe(v1);
    expect(variantBase([], draft)).toBe(draft);
    expect(variantBase([], undefined)).toBeUndefined();
  });

  it('compiles a province draft on its own, whatever other drafts and variants say', () => {
    const other = { ...draft, name: '另一个草稿' };
    const compiled = compileDraft({ ...defs, bundles: [other] }, { kind: 'bundle', body: draft });
    expect(compiled).toMatchObject({ name: '草稿', region: '320000', variant: null });
  });

  it('compiles a variant on the base it is given, in its city', () => {
    const compiled = compileDraft(defs, { kind: 'variant', body: variant }, v1);
    expect(compiled).toMatchObject({ name: '第一版', region: '320500', variant: { id: 'v', baseVersion: 1 } });
    expect(compiled.scenarios[0]!.items.map((i) => i.matter.code)).toEqual(['A001']);
    expect(compiled.scenarios[0]!.timeLimit.days).toBe(2);
    expect(compileDraft(defs, { kind: 'variant', body: variant }).diagnostics.map((d) => d.code)).toEqual(['bundle.unknown']);
  });

  it('compiles a bundle for a region with or without that region’s variant', () => {
    expect(compileForRegion(defs, v1, '320500', variant).scenarios[0]!.timeLimit.days).toBe(2);
    expect(compileForRegion(defs, v1, '320500').scenarios[0]!.timeLimit.days).toBe(3);
    expect(compileForRegion(defs, v1, '320500').variant).toBeNull();
  });
});
