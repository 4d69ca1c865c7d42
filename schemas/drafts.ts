/**
 * Compiling what an official is editing, with one rule for a variant's base: a city's
 * variant is always compiled on the provincial bundle it builds on — the newest version
 * that is not retired, or the province's draft while the bundle has never been versioned.
 * The studio's live compile, the stale-save comparison, the server's guardrail check and
 * the compile-a-draft route all come through here.
 */
import { compileBundle } from './compile.ts';
import type { CompiledBundle } from './compiled-types.ts';
import { latestLiveVersion, type VersionHead } from './lifecycle.ts';
import type { Bundle, Definitions, Variant } from './types.ts';

/** What an editor holds: a provincial bundle draft or a city's variant. */
export type Draft = { kind: 'bundle'; body: Bundle } | { kind: 'variant'; body: Variant };

/** The provincial bundle a variant builds on, from the bundle's versions (with bodies) and its draft. */
export function variantBase(versions: readonly (VersionHead & { body: Bundle })[], draft: Bundle | undefined): Bundle | undefined {
  return latestLiveVersion(versions)?.body ?? draft;
}

/**
 * Compiles a draft: a bundle on its own in its region, a variant on `base` in its city.
 * Other drafts of the same bundle or variants of other cities play no part.
 */
export function compileDraft(defs: Definitions, draft: Draft, base?: Bundle): CompiledBundle {
  if (draft.kind === 'bundle') return compileBundle({ ...defs, bundles: [draft.body], variants: [] }, draft.body.id, draft.body.region);
  const bundles = base ? [base] : [];
  return compileBundle({ ...defs, bundles, variants: [draft.body] }, draft.body.bundle, draft.body.region);
}

/** Compiles a provincial bundle for one region, with that region's variant when it has one. */
export function compileForRegion(defs: Definitions, bundle: Bundle, region: string, variant?: Variant): CompiledBundle {
  if (variant) return compileDraft(defs, { kind: 'variant', body: variant }, bundle);
  return compileBundle({ ...defs, bundles: [bundle], variants: [] }, bundle.id, region);
}
