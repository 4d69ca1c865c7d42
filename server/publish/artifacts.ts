/**
 * What publishing compiles: a bundle version for every region (each city with its published
 * variant, or on the province's base when the variant does not apply). The province's part
 * is the catalog as it stands when the version is made, and is pinned; each city's part is
 * what the city last published — its variant and its own matters — never a draft.
 */
import {
  assembleDefinitions,
  compileForRegion,
  documentRegion,
  hasErrors,
  pinnedRevisions,
  POLICY_KINDS,
  variantFor,
  type Bundle,
  type CompiledBundle,
  type Definitions,
} from '../../schemas/index.ts';
import { etagOf } from '../http/etag.ts';
import type { Runtime } from '../runtime/runtime.ts';
import type { DraftDefinitions } from '../store/drafts.ts';
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

/** What the cities last published: their variants and their own matters, as documents. */
export async function cityLayer(store: Store): Promise<StoredDocument[]> {
  const released = [...(await store.latestReleases('variant')), ...(await store.latestReleases('matter'))];
  return released.map((r) => ({
    kind: r.kind,
    id: r.id,
    rev: r.rev,
    region: documentRegion(r.kind, r.body),
    updatedAt: r.publishedAt,
    updatedBy: r.publishedBy,
    body: r.body,
  }));
}

/**
 * The policy as published — the calendar and the 政策参数 the runtime judges every version
 * under — as documents: a version is compiled (its rules checked, its cases run) under what
 * applicants will meet, never under a draft of the policy.
 */
export async function publishedPolicy(store: Store): Promise<StoredDocument[]> {
  const out: StoredDocument[] = [];
  for (const kind of POLICY_KINDS) {
    const r = await store.latestRelease(kind, kind);
    if (r) out.push({ kind, id: r.id, rev: r.rev, region: null, updatedAt: r.publishedAt, updatedBy: r.publishedBy, body: r.body });
  }
  return out;
}

const isPolicy = (d: StoredDocument) => (POLICY_KINDS as readonly string[]).includes(d.kind);

/** The documents a new version compiles with: the province's current catalog and drafts, the published policy, and the cities' published layers. */
export async function publishingDocuments(
  store: Store,
  drafts: DraftDefinitions,
): Promise<{ province: StoredDocument[]; all: StoredDocument[] }> {
  const catalog = (await drafts.documents()).filter((d) => d.region === null && d.kind !== 'variant' && !isPolicy(d));
  const province = [...catalog, ...(await publishedPolicy(store))];
  return { province, all: [...province, ...(await cityLayer(store))] };
}

/** The definitions a version was published with (its pinned revisions; before pinning, today's province documents), the published policy and the cities' published layers. */
export async function definitionsOfVersion(
  store: Store,
  version: BundleVersion,
  layer: readonly StoredDocument[],
  drafts: DraftDefinitions,
): Promise<Definitions> {
  const pinned = pinnedRevisions(version.pins);
  const province = pinned.length
    ? await store.getRevisions(pinned)
    : (await drafts.documents()).filter((d) => d.region === null && d.kind !== 'variant' && !isPolicy(d));
  return assembleDefinitions([...province, ...(await publishedPolicy(store)), ...layer]);
}

/**
 * After a city publishes: its artifacts of every live version of `bundleIds` are compiled
 * again on each version's own catalog; one whose variant does not apply keeps the last good.
 */
export async function refreshCity(
  deps: { store: Store; runtime: Runtime; drafts: DraftDefinitions },
  region: string,
  bundleIds: readonly string[],
): Promise<void> {
  const layer = await cityLayer(deps.store);
  for (const bundleId of bundleIds) {
    for (const v of deps.runtime.versionsOf(bundleId).filter((x) => x.state !== 'retired')) {
      const artifact = artifactFor(await definitionsOfVersion(deps.store, v, layer, deps.drafts), v.body as Bundle, region);
      if (artifact.variantStatus !== 'variant-conflict') {
        await deps.store.putArtifacts([artifact]);
        deps.runtime.update(v, [artifact]);
      }
    }
  }
}
