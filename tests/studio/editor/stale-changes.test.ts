import { describe, expect, it } from 'vitest';
import { compileDraft, type Bundle, type Draft } from '../../../schemas/index.ts';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';
import { staleChanges } from '../../../studio/src/editor/stale-changes.ts';

const defs = loadDefinitions();
const compile = (d: Draft) => compileDraft(defs, d);
function edited(change: (b: Bundle) => void, from: Bundle = base.body as Bundle): Draft {
  const body = structuredClone(from);
  change(body);
  return { kind: 'bundle', body };
}
/** 失业一件事 as saved before either tab started: its first scenario without a 情形引导. */
const base: Draft = edited(
  (b: Bundle) => delete b.scenarios[0]!.guide,
  defs.bundles.find((b) => b.id === 'unemployment')!,
);

describe('the two-tab conflict says whose change is whose, truthfully', () => {
  it('names a change that is not yet a business change (a 情形引导 question typed without its answer)', () => {
    const theirs = edited((b) => (b.scenarios[0]!.guide = { question: '您是否已办理失业登记？', answer: '' }));
    const mine = edited((b) => (b.name = '失业一件事（新）'));
    const changes = staleChanges(base, mine, theirs, compile);
    expect(changes.theirs).toEqual(['「第 1 个办事情形的情形引导」有修改（尚未完整，暂不影响办理）']);
    expect(changes.mine).toEqual(['名称由「失业一件事」改为「失业一件事（新）」']);
  });

  it('says “only the canvas” only when only the canvas moved', () => {
    const moved = edited((b) => (b.scenarios[0]!.layout = { 'JSRS-JY-0101': { x: 1, y: 2 } }));
    expect(staleChanges(base, moved, moved, compile)).toEqual({ theirs: [], mine: [] });
  });
});
