/**
 * Compiled artifacts of bundle versions: computed once per (version, region) when a version
 * is created (or a city's variant changes), stored, and held in memory with their JSON
 * text, ETag and a lazily compiled AJV validator that is reused for every request.
 */
import { createHash } from 'node:crypto';
import type { ValidateFunction } from 'ajv';
import {
  compileBundle,
  createAjv,
  fieldTitles,
  hasErrors,
  type Bundle,
  type CompiledBundle,
  type Definitions,
} from '../../schemas/index.ts';
import type { Artifact, BundleVersion, Store } from '../store/store.ts';
import { renderGuide } from './guide-html.ts';

/** ETag of a text: a quoted, truncated SHA-256. */
export function etagOf(text: string): string {
  return `"${createHash('sha256').update(text).digest('base64url').slice(0, 22)}"`;
}

/** Compiles a bundle version for every region; the city falls back to the base when its variant does not apply. */
export function compileArtifacts(
  defs: Definitions,
  bundle: Bundle,
  regions: readonly string[],
): { artifacts: Omit<Artifact, 'updatedAt'>[]; province: CompiledBundle } {
  const scoped: Definitions = { ...defs, bundles: [bundle] };
  const province = compileBundle(scoped, bundle.id, bundle.region);
  const artifacts = regions.map((region) => artifactFor(scoped, bundle, region, province));
  return { artifacts, province };
}

/** The artifact of one region. */
export function artifactFor(all: Definitions, bundle: Bundle, region: string, province?: CompiledBundle): Omit<Artifact, 'updatedAt'> {
  const defs: Definitions = all.bundles.length === 1 && all.bundles[0] === bundle ? all : { ...all, bundles: [bundle] };
  let compiled = region === bundle.region && province ? province : compileBundle(defs, bundle.id, region);
  let variantStatus: Artifact['variantStatus'] = compiled.variant ? 'ok' : 'none';
  if (compiled.variant && hasErrors(compiled.diagnostics)) {
    compiled = compileBundle(
      { ...defs, variants: defs.variants.filter((v) => !(v.bundle === bundle.id && v.region === region)) },
      bundle.id,
      region,
    );
    variantStatus = 'variant-conflict';
  }
  const text = JSON.stringify(compiled);
  return { bundleId: bundle.id, version: bundle.version, region, compiled: text, etag: etagOf(text), variantStatus };
}

/** One artifact ready to serve. */
export class RuntimeEntry {
  readonly compiled: CompiledBundle;
  readonly compiledText: Buffer;
  readonly schemaText: Buffer;
  readonly uiSchemaText: Buffer;
  readonly etag: string;
  readonly schemaEtag: string;
  readonly uiSchemaEtag: string;
  readonly piiPaths: Set<string>;
  readonly titles: Map<string, string>;
  readonly version: BundleVersion;
  readonly variantStatus: Artifact['variantStatus'];
  private validator: ValidateFunction | undefined;
  private guide: { html: Buffer; etag: string } | undefined;
  private readonly ajv: ReturnType<typeof createAjv>;

  constructor(artifact: Artifact, version: BundleVersion, ajv: ReturnType<typeof createAjv>) {
    this.compiled = JSON.parse(artifact.compiled) as CompiledBundle;
    this.version = version;
    this.variantStatus = artifact.variantStatus;
    this.compiledText = Buffer.from(artifact.compiled);
    this.etag = artifact.etag;
    const schema = JSON.stringify(this.compiled.schema);
    const ui = JSON.stringify(this.compiled.uiSchema);
    this.schemaText = Buffer.from(schema);
    this.uiSchemaText = Buffer.from(ui);
    this.schemaEtag = etagOf(schema);
    this.uiSchemaEtag = etagOf(ui);
    this.piiPaths = new Set(this.compiled.fields.filter((f) => f.pii).map((f) => `${f.section}.${f.key}`));
    this.titles = fieldTitles(this.compiled);
    this.ajv = ajv;
  }

  /** The same artifact under a version record whose lifecycle moved on (parsed JSON and validator are kept). */
  withVersion(version: BundleVersion): RuntimeEntry {
    return Object.assign(Object.create(RuntimeEntry.prototype) as RuntimeEntry, this, { version });
  }

  /** The application validator, compiled on first use and kept. */
  validate(): ValidateFunction {
    if (!this.validator) {
      const id = String(this.compiled.schema.$id);
      this.ajv.removeSchema(id); // a replaced city artifact keeps its $id
      this.validator = this.ajv.compile(this.compiled.schema);
    }
    return this.validator;
  }

  /** The printable guide page. */
  guideHtml(): { html: Buffer; etag: string } {
    if (!this.guide) {
      const html = renderGuide(this.compiled, this.version.state);
      this.guide = { html: Buffer.from(html), etag: etagOf(html) };
    }
    return this.guide;
  }
}

const key = (region: string, id: string, version: number) => `${region}|${id}|${version}`;

/** Every servable artifact in memory, with the versions' lifecycle. */
export class Runtime {
  private readonly versions = new Map<string, BundleVersion[]>();
  private readonly entries = new Map<string, RuntimeEntry>();
  private readonly ajv = createAjv();
  private readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  /** Loads versions and artifacts from the store. */
  async load(): Promise<void> {
    this.versions.clear();
    this.entries.clear();
    for (const v of await this.store.listVersions()) this.rememberVersion(v);
    for (const a of await this.store.listArtifacts()) this.remember(a);
  }

  private rememberVersion(v: BundleVersion): void {
    const list = (this.versions.get(v.bundleId) ?? []).filter((x) => x.version !== v.version);
    list.push(v);
    list.sort((a, b) => a.version - b.version);
    this.versions.set(v.bundleId, list);
  }

  private remember(a: Artifact | Omit<Artifact, 'updatedAt'>): void {
    const v = this.versions.get(a.bundleId)?.find((x) => x.version === a.version);
    if (!v) return;
    this.entries.set(key(a.region, a.bundleId, a.version), new RuntimeEntry({ updatedAt: '', ...a }, v, this.ajv));
  }

  /** Records a new or changed version and its artifacts. */
  update(version: BundleVersion, artifacts: (Artifact | Omit<Artifact, 'updatedAt'>)[] = []): void {
    this.rememberVersion(version);
    for (const [k, entry] of this.entries) {
      if (entry.version.bundleId === version.bundleId && entry.version.version === version.version)
        this.entries.set(k, entry.withVersion(version));
    }
    for (const a of artifacts) this.remember(a);
  }

  /** Versions of one bundle, oldest first. */
  versionsOf(bundleId: string): BundleVersion[] {
    return this.versions.get(bundleId) ?? [];
  }

  /** The version of a bundle in effect in a region: a newer trial in its pilot regions, else the latest published. */
  inEffectVersion(region: string, bundleId: string): BundleVersion | undefined {
    const list = this.versionsOf(bundleId);
    const published = [...list].reverse().find((v) => v.state === 'published');
    const trial = [...list].reverse().find((v) => v.state === 'trial' && v.pilotRegions.includes(region));
    if (trial && (!published || trial.version > published.version)) return trial;
    return published;
  }

  /**
   * What a region serves for `id` (latest in effect) or `id@version` (pinned), if anything.
   * A city whose variant does not apply to the newest version keeps serving its last good one.
   */
  find(region: string, bundleId: string, version?: number): RuntimeEntry | undefined {
    let v: BundleVersion | undefined;
    if (version === undefined) {
      v = this.inEffectVersion(region, bundleId);
      const entry = v ? this.entries.get(key(region, bundleId, v.version)) : undefined;
      if (entry?.variantStatus === 'variant-conflict') {
        const good = this.versionsOf(bundleId)
          .filter((x) => x.version < v!.version && (x.state === 'published' || (x.state === 'trial' && x.pilotRegions.includes(region))))
          .reverse()
          .map((x) => this.entries.get(key(region, bundleId, x.version)))
          .find((e) => e && e.variantStatus !== 'variant-conflict');
        if (good) return good;
      }
      return entry;
    } else {
      v = this.versionsOf(bundleId).find((x) => x.version === version);
      if (v?.state === 'trial' && !v.pilotRegions.includes(region)) v = undefined;
    }
    return v ? this.entries.get(key(region, bundleId, v.version)) : undefined;
  }

  /** The artifact of one version in one region, whatever its state. */
  artifact(region: string, bundleId: string, version: number): RuntimeEntry | undefined {
    return this.entries.get(key(region, bundleId, version));
  }

  /** Every bundle in effect in a region. */
  inEffect(region: string): RuntimeEntry[] {
    const out: RuntimeEntry[] = [];
    for (const bundleId of [...this.versions.keys()].sort()) {
      const entry = this.find(region, bundleId);
      if (entry) out.push(entry);
    }
    return out;
  }
}
