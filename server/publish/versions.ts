/**
 * Publishing a bundle's draft as a new version: compiled on the catalog as it is now (and
 * pinned), refused while it has error diagnostics or when nothing changed in business terms
 * since the latest live version, and safe to repeat — a request repeated with the same key
 * finds the version it made, and of concurrent publishes only one makes a version.
 */
import {
  applyVariant,
  assembleDefinitions,
  compileForRegion,
  diffCompiled,
  hasErrors,
  latestLiveVersion,
  namesOf,
  pinsOf,
  PROVINCE,
  rebaseVariant,
  stateLabel,
  type Bundle,
  type BusinessChange,
  type CityImpact,
  type CompiledBundle,
  type Definitions,
  type Diagnostic,
  type Region,
  type User,
} from '../../schemas/index.ts';
import { problem } from '../http/problem.ts';
import type { Runtime } from '../runtime/runtime.ts';
import type { DraftDefinitions } from '../store/drafts.ts';
import type { BundleVersion, Store, StoredDocument } from '../store/store.ts';
import { compileArtifacts, publishingDocuments, type NewArtifact } from './artifacts.ts';

/** What publishing works with. */
export interface PublishDeps {
  store: Store;
  runtime: Runtime;
  drafts: DraftDefinitions;
  regions: readonly Region[];
}

/** What publishing the draft now would make. */
export interface PublishPlan {
  bundle: Bundle;
  /** The province's documents (pinned) and all documents compiled with. */
  documents: { province: StoredDocument[]; all: StoredDocument[] };
  defs: Definitions;
  artifacts: NewArtifact[];
  province: CompiledBundle;
  /** The latest version of any state, which the new one must follow. */
  latest: BundleVersion | undefined;
  /** What changed since the latest live version. */
  changes: BusinessChange[];
}

/** Compiles the draft as the next version; refuses errors (422) and a publish that changes nothing in business terms (409). */
export async function planPublish(deps: PublishDeps, bundleId: string): Promise<PublishPlan> {
  const draft = await deps.store.getDocument('bundle', bundleId);
  if (!draft) throw problem(404, `没有一件事「${bundleId}」`);
  const versions = await deps.store.listVersions(bundleId);
  const latest = versions.at(-1);
  const bundle = { ...(draft.body as Bundle), version: (latest?.version ?? 0) + 1 };
  const documents = await publishingDocuments(deps.store, deps.drafts);
  const defs = assembleDefinitions(documents.all);
  const { artifacts, province } = compileArtifacts(
    defs,
    bundle,
    deps.regions.map((r) => r.code),
  );
  const errors: Diagnostic[] = province.diagnostics.filter((d) => d.severity === 'error');
  if (hasErrors(errors)) throw problem(422, '一件事存在错误诊断，修正后才能提交试运行或发布', { diagnostics: errors });
  const live = latestLiveVersion(versions);
  // read from the store, not this instance's memory: another request or instance may have just made it
  const stored = live ? await deps.store.getArtifact(bundleId, live.version, PROVINCE) : null;
  const previous = stored ? { compiled: JSON.parse(stored.compiled) as CompiledBundle } : undefined;
  const changes = previous ? diffCompiled(previous.compiled, province) : [];
  if (live && previous && changes.length === 0)
    throw problem(409, `与第 ${live.version} 版（${stateLabel(live.state)}）相比没有业务上的变化，不需要发布新版本`);
  return { bundle, documents, defs, artifacts, province, latest, changes };
}

/** What the plan does to each city with a variant of the bundle. */
export function cityImpact(deps: PublishDeps, plan: PublishPlan): CityImpact[] {
  const versions = deps.runtime.versionsOf(plan.bundle.id);
  const names = namesOf(plan.defs);
  return plan.defs.variants
    .filter((v) => v.bundle === plan.bundle.id)
    .map((variant) => {
      const previous = versions.find((v) => v.version === variant.baseVersion)?.body as Bundle | undefined;
      const rebase = rebaseVariant(variant, previous, plan.bundle, names);
      const conflicts = rebase.outcomes.filter((o) => o.status === 'conflict').map((o) => ({ operation: o.index, reason: o.reason }));
      // the city's cases (the province's it inherits, and its own) rerun on the new version
      const cases = compileForRegion(plan.defs, plan.bundle, variant.region, variant)
        .cases.filter((c) => c.changes.length)
        .map((c) => ({ id: c.id, label: c.label, changes: c.changes }));
      return {
        region: variant.region,
        regionName: deps.regions.find((r) => r.code === variant.region)?.name ?? variant.region,
        variant: variant.id,
        // a changed case is an error of the city's compile: like a conflict, the city keeps its last good version
        status: conflicts.length || cases.length ? ('conflict' as const) : ('rebase' as const),
        servingVersion: deps.runtime.find(variant.region, plan.bundle.id)?.compiled.version ?? null,
        conflicts,
        cases,
      };
    })
    .sort((a, b) => a.region.localeCompare(b.region));
}

/** Pilot regions after the cities' own choices (a `pilot` operation in their variant). */
function withCityChoices(defs: Definitions, bundle: Bundle, chosen: readonly string[]): string[] {
  const out = new Set(chosen);
  for (const v of defs.variants.filter((x) => x.bundle === bundle.id)) {
    const choice = applyVariant(bundle, v).pilot;
    if (choice === true) out.add(v.region);
    if (choice === false) out.delete(v.region);
  }
  return [...out].sort();
}

/** Publishes the draft as a trial (in `pilots` and the cities that opted in) or published version. */
export async function publishDraft(
  deps: PublishDeps,
  input: { bundleId: string; state: 'trial' | 'published'; pilots: readonly string[]; actor: User; requestKey?: string },
): Promise<BundleVersion> {
  for (let attempt = 0; ; attempt++) {
    if (input.requestKey) {
      const made = await deps.store.findVersionRequest(input.requestKey);
      if (made) return (await deps.store.getVersion(made.bundleId, made.version))!;
    }
    const plan = await planPublish(deps, input.bundleId);
    const created = await deps.store.createVersion({
      version: {
        bundleId: input.bundleId,
        version: plan.bundle.version,
        state: input.state,
        pilotRegions: input.state === 'trial' ? withCityChoices(plan.defs, plan.bundle, input.pilots) : [],
        body: plan.bundle,
        pins: pinsOf(plan.documents.province),
        createdBy: input.actor.username,
      },
      artifacts: plan.artifacts,
      actor: input.actor,
      after: plan.latest?.version ?? null,
      changes: plan.changes,
      ...(input.requestKey ? { requestKey: input.requestKey } : {}),
    });
    if (created) {
      deps.runtime.update(created, plan.artifacts);
      // its validators compiled now, in the background, and stored: no instance compiles them on a request
      deps.runtime.warm(created.bundleId, created.version);
      return created;
    }
    // another publish made a version meanwhile: decide again on what is there now
    if (attempt >= 3) throw problem(409, '其他人正在发布此一件事，请稍后再试');
  }
}
