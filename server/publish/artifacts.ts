/**
 * What publishing computes: a bundle version compiled for every region (each city with its
 * variant, or on the province's base when the variant does not apply), and the catalog
 * revisions it was compiled against, so a city's artifact can be compiled again later
 * exactly on the catalog its version was published with.
 */
import {
  assembleDefinitions,
  compileForRegion,
  hasErrors,
  pinnedRevisions,
  variantFor,
  type Bundle,
  type CompiledBundle,
  type Definitions,
} from '../../schemas/index.ts';
import { etagOf } from '../http/etag.ts';
import type { Artifact, BundleVersion, Store, StoredDocument } from '../store/store.ts';

/** An artifact before the store stamps it. */
export type NewArtifact = Omit<Artifact, 'updatedAt'>;

/** The artifact of one region; a city whose variant does not apply gets the province's base, marked. */
export function artifactFor(defs: Definitions, bundle: Bundle, region: string, province?: CompiledBundle): NewArtifact {
  const variant = region === bundle.region ? undefined : variantFor(defs, bundle.id, region);
  let compiled = !variant && province && region === bundle.region ? province : compileForRegion(defs, bundle, region, variant);
  let variantStatus: Artifact['variantStatus'] = variant ? 'ok' : 'none';
  if (variant && hasErrors(compiled.diagnostics)) {
    compiled = compileForRegion(defs, bundle, region);
    variantStatus = 'variant-conflict';
  }
  const text = JSON.stringify(compiled);
  return { bundleId: bundle.id, version: bundle.version, region, compiled: text, etag: etagOf(text), variantStatus };
}

/** A version compiled for every region, with the province's compile. */
export function compileArtifacts(
  defs: Definitions,
  bundle: Bundle,
  regions: readonly string[],
): { artifacts: NewArtifact[]; province: CompiledBundle } {
  const province = compileForRegion(defs, bundle, bundle.region);
  return { artifacts: regions.map((region) => artifactFor(defs, bundle, region, province)), province };
}

/**
 * The definitions a version was published with: its pinned revisions, and the current
 * documents for what it did not pin (variants, matters created since, or everything for a
 * version made before pinning).
 */
export async function definitionsOfVersion(store: Store, version: BundleVersion, current: readonly StoredDocument[]): Promise<Definitions> {
  const pinned = await store.getRevisions(pinnedRevisions(version.pins));
  const key = (d: { kind: string; id: string }) => `${d.kind}:${d.id}`;
  const have = new Set(pinned.map(key));
  return assembleDefinitions([...pinned, ...current.filter((d) => !have.has(key(d)))]);
}
