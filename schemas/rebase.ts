/**
 * Rebase: a city's variant re-applied to a newer provincial version. Every operation ends
 * kept (it still applies), satisfied (the province already made the same change), or in
 * conflict with a proposed resolution — never silently dropped.
 */
import type { Anchor, Bundle, Variant, VariantOperation } from './types.ts';
import { applyOperation, CODES, startApplying, type Names } from './variant.ts';

/** What happened to one operation. */
export interface RebaseOutcome {
  index: number;
  op: VariantOperation;
  status: 'kept' | 'satisfied' | 'conflict';
  /** For conflicts: drop the operation, or keep it with `anchor`. */
  proposal?: { action: 'drop' } | { action: 'new-anchor'; anchor: Anchor | null };
  /** Chinese explanation for the official. */
  reason: string;
}

/** The rebase of a variant onto `next`. */
export interface RebaseResult {
  from: number;
  to: number;
  outcomes: RebaseOutcome[];
  conflicts: number;
}

function item(b: Bundle, scenario: string, matter: string) {
  return b.scenarios.find((s) => s.id === scenario)?.items.find((i) => i.matter === matter);
}

/** Why the new base already does what the operation asks, or null. */
function satisfiedBy(next: Bundle, op: VariantOperation): string | null {
  switch (op.op) {
    case 'setSelection':
      return item(next, op.scenario, op.matter)?.selection === op.selection ? '省级新版本已经作了同样的调整' : null;
    case 'removeItem':
      return next.scenarios.some((s) => s.id === op.scenario) && !item(next, op.scenario, op.matter) ? '省级新版本已经删除了该事项' : null;
    case 'addItem':
      return item(next, op.scenario, op.matter) ? '省级新版本已经加入了该事项' : null;
    case 'tightenDays': {
      const s = op.scenario ? next.scenarios.find((x) => x.id === op.scenario) : undefined;
      const promised = s?.promisedDays ?? next.promisedDays;
      return promised !== undefined && promised <= op.days
        ? `省级新版本已承诺 ${promised} 个工作日，不长于本市的 ${op.days} 个工作日`
        : null;
    }
    case 'relabelScenario':
      return next.scenarios.find((s) => s.id === op.scenario)?.label === op.label ? '省级新版本已使用同样的名称' : null;
    default:
      return null;
  }
}

/** For an added matter whose anchor is gone: the nearest earlier matter of the old base that is still there. */
function newAnchor(previous: Bundle | undefined, current: Bundle, op: Extract<VariantOperation, { op: 'addItem' }>): Anchor | null {
  const old = previous?.scenarios.find((s) => s.id === op.scenario);
  const target = op.anchor && ('after' in op.anchor ? op.anchor.after : 'before' in op.anchor ? op.anchor.before : op.anchor.parallelTo);
  if (!old || !target) return null;
  const at = old.items.findIndex((i) => i.matter === target);
  for (let i = at - 1; i >= 0; i--) {
    const candidate = old.items[i]!.matter;
    if (candidate !== op.matter && item(current, op.scenario, candidate)) return { after: candidate };
  }
  return null;
}

/** Re-applies `variant` (made on `previous`) to `next`, operation by operation. */
export function rebaseVariant(variant: Variant, previous: Bundle | undefined, next: Bundle, names: Names = CODES): RebaseResult {
  const out = startApplying(next, variant.region, names);
  const outcomes = variant.operations.map((op, index): RebaseOutcome => {
    const satisfied = satisfiedBy(out.bundle, op);
    if (satisfied) return { index, op, status: 'satisfied', reason: satisfied };
    const conflict = applyOperation(out, op);
    if (!conflict) return { index, op, status: 'kept', reason: '仍然适用' };
    if (op.op === 'addItem' && op.anchor && /挂靠/.test(conflict)) {
      // later operations are judged as if this proposal were taken
      const anchor = newAnchor(previous, out.bundle, op);
      const { anchor: _gone, ...rest } = op;
      if (!applyOperation(out, anchor ? { ...rest, anchor } : rest))
        return { index, op, status: 'conflict', reason: conflict, proposal: { action: 'new-anchor', anchor } };
    }
    return { index, op, status: 'conflict', reason: conflict, proposal: { action: 'drop' } };
  });
  return { from: variant.baseVersion, to: next.version, outcomes, conflicts: outcomes.filter((o) => o.status === 'conflict').length };
}

/**
 * The variant after taking every proposal: satisfied operations are removed (the province
 * does it now), conflicting ones dropped or re-anchored, and the variant moves to `to`.
 */
export function acceptRebase(variant: Variant, result: RebaseResult, only?: readonly number[]): Variant {
  const chosen = only ? new Set(only) : null;
  const operations: VariantOperation[] = [];
  for (const o of result.outcomes) {
    const decide = !chosen || chosen.has(o.index);
    if (o.status === 'kept' || !decide) operations.push(o.op);
    else if (o.status === 'conflict' && o.proposal?.action === 'new-anchor' && o.op.op === 'addItem') {
      const { anchor: _old, ...rest } = o.op;
      operations.push(o.proposal.anchor ? { ...rest, anchor: o.proposal.anchor } : rest);
    }
  }
  const everything = !chosen || result.outcomes.every((o) => o.status === 'kept' || chosen.has(o.index));
  return { ...variant, baseVersion: everything ? result.to : variant.baseVersion, operations };
}
