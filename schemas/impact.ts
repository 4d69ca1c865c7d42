/**
 * Impact analysis: what a changed document (a matter, the dictionaries, the calendar, a
 * bundle) would do, before it is saved — for every bundle it reaches, in the province and in
 * every city with a variant: the business changes, the variant operations that would stop
 * applying, and the 用例 whose outcome would change. Pure: both sides are compiled here.
 */
import type { BusinessChange } from './diff.ts';
import { diffCompiled } from './diff.ts';
import type { DocumentKind } from './documents.ts';
import { compileDraft, compileForRegion } from './drafts.ts';
import type { Bundle, Definitions, Matter, Variant } from './types.ts';

/** A changed document, as the official would save it. */
export interface ChangedDocument {
  kind: DocumentKind;
  id: string;
  body: Record<string, unknown>;
}

/** What the change does to one bundle in one region. */
export interface RegionImpact {
  region: string;
  /** The bundle as applicants there would see it: in business terms. */
  changes: BusinessChange[];
  /** The city's adjustments that would no longer apply (it keeps its last good version until resolved). */
  conflicts: string[];
  /** The 用例 whose outcome would change. */
  cases: { id: string; label: string; changes: string[] }[];
}

/** What the change does to one bundle; regions with nothing to report are left out. */
export interface BundleImpact {
  bundleId: string;
  name: string;
  regions: RegionImpact[];
}

/** The definitions with `doc` in place of its current version (or added). */
export function withDocument(defs: Definitions, doc: ChangedDocument): Definitions {
  const body: unknown = doc.body;
  const replace = <T>(list: readonly T[], idOf: (x: T) => string): T[] => [...list.filter((x) => idOf(x) !== doc.id), body as T];
  switch (doc.kind) {
    case 'matter':
      return { ...defs, matters: replace(defs.matters, (m: Matter) => m.code) };
    case 'bundle':
      return { ...defs, bundles: replace(defs.bundles, (b: Bundle) => b.id) };
    case 'variant':
      return { ...defs, variants: replace(defs.variants, (v: Variant) => v.id) };
    case 'dictionary':
      return { ...defs, dictionary: body as Definitions['dictionary'] };
    case 'materials':
      return { ...defs, materials: body as Definitions['materials'] };
    case 'calendar':
      return { ...defs, calendar: body as Definitions['calendar'] };
    case 'parameters':
      return { ...defs, parameters: body as Definitions['parameters'] };
  }
}

/** The bundles a document reaches: a matter's through their items and the cities' added items; shared dictionaries reach all. */
export function reachedBundles(defs: Definitions, doc: ChangedDocument): Bundle[] {
  if (doc.kind === 'bundle') return defs.bundles.filter((b) => b.id === doc.id);
  if (doc.kind === 'variant') return defs.bundles.filter((b) => b.id === (doc.body as unknown as Variant).bundle);
  if (doc.kind !== 'matter') return defs.bundles;
  const addedBy = new Set(
    defs.variants.filter((v) => v.operations.some((o) => o.op === 'addItem' && o.matter === doc.id)).map((v) => v.bundle),
  );
  return defs.bundles.filter((b) => addedBy.has(b.id) || b.scenarios.some((s) => s.items.some((i) => i.matter === doc.id)));
}

const conflictsOf = (compiled: ReturnType<typeof compileForRegion>) =>
  compiled.diagnostics.filter((d) => d.code === 'variant.conflict').map((d) => d.message);

/** One bundle in one region, before and after (pausing after each compile). */
function* regionImpact(
  before: Definitions,
  after: Definitions,
  bundleId: string,
  region: string,
  province: boolean,
): Generator<void, RegionImpact | null> {
  const compile = (defs: Definitions) => {
    const bundle = defs.bundles.find((b) => b.id === bundleId)!;
    if (province) return compileDraft(defs, { kind: 'bundle', body: bundle });
    return compileForRegion(
      defs,
      bundle,
      region,
      defs.variants.find((v) => v.bundle === bundleId && v.region === region),
    );
  };
  const a = compile(before);
  yield;
  const b = compile(after);
  yield;
  const was = new Set(conflictsOf(a));
  const impact: RegionImpact = {
    region,
    changes: diffCompiled(a, b),
    conflicts: conflictsOf(b).filter((c) => !was.has(c)),
    cases: b.cases
      .filter((c) => c.changes.length && !a.cases.some((x) => x.id === c.id && x.changes.length))
      .map((c) => ({ id: c.id, label: c.label, changes: c.changes })),
  };
  return impact.changes.length || impact.conflicts.length || impact.cases.length ? impact : null;
}

/**
 * Every bundle the change reaches, in the province and in each city with a variant of it
 * (a city without one follows the province). `defs` are the documents as they stand.
 */
export function impactOf(defs: Definitions, doc: ChangedDocument): BundleImpact[] {
  return impactOfAll(defs, [doc]);
}

/** Every bundle several changes reach together (an import), as `impactOf` reports one. */
export function impactOfAll(defs: Definitions, docs: readonly ChangedDocument[]): BundleImpact[] {
  const steps = impactSteps(defs, docs);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `impactOfAll` one compile at a time: the generator pauses after each, so a server can answer
 * other requests between them, and returns the impact when done.
 */
export function* impactSteps(defs: Definitions, docs: readonly ChangedDocument[]): Generator<void, BundleImpact[]> {
  let after = defs;
  for (const doc of docs) {
    after = withDocument(after, doc);
    yield;
  }
  const out: BundleImpact[] = [];
  const ids = new Set(docs.flatMap((doc) => [...reachedBundles(defs, doc), ...reachedBundles(after, doc)]).map((b) => b.id));
  for (const bundle of after.bundles.filter((b) => ids.has(b.id))) {
    if (!defs.bundles.some((b) => b.id === bundle.id)) continue; // a new bundle reaches nothing yet
    const cities = [...new Set(after.variants.filter((v) => v.bundle === bundle.id).map((v) => v.region))].sort();
    const regions: RegionImpact[] = [];
    for (const [region, province] of [[bundle.region, true] as const, ...cities.map((city) => [city, false] as const)]) {
      const impact = yield* regionImpact(defs, after, bundle.id, region, province);
      if (impact) regions.push(impact);
    }
    if (regions.length) out.push({ bundleId: bundle.id, name: bundle.name, regions });
  }
  return out;
}
