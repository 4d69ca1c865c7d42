/**
 * What the public runtime serves, held in memory: every version's lifecycle, every
 * (version, region) artifact with its JSON text, ETags and a lazily compiled AJV validator
 * reused for every request, and the published policy — the working-day calendar and the
 * 政策参数. Only published and pinned things are here; drafts never are.
 */
import type { ValidateFunction } from 'ajv';
import {
  createAjv,
  fieldTitles,
  POLICY_KINDS,
  prepareCalendar,
  prepareParameters,
  servedVersions,
  type CompiledBundle,
  type Policy,
  type PolicyParameters,
  type PreparedCalendar,
  type PreparedParameters,
  type WorkCalendar,
} from '../../schemas/index.ts';
import { Representation } from '../http/cache.ts';
import type { Artifact, BundleVersion, Release, Store, StoredValidator } from '../store/store.ts';
import { compileWithCode, loadValidator } from './validator-code.ts';
import { renderGuide } from './guide-html.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

/** One artifact ready to serve. */
export class RuntimeEntry {
  readonly compiled: CompiledBundle;
  /** The compiled bundle as served (its text and ETag are the artifact's). */
  readonly compiledJson: Representation;
  // the other representations and the field titles are made on first use: a start loads every artifact of
  // every region, most of which no one asks for before the next publish
  private schemaMade: Representation | undefined;
  private uiSchemaMade: Representation | undefined;
  private rulesMade: Representation | undefined;
  private guideMade: Representation | undefined;
  private titlesMade: Map<string, string> | undefined;
  readonly version: BundleVersion;
  readonly variantStatus: Artifact['variantStatus'];
  private validator: ValidateFunction | undefined;
  private guide: { key: string; page: Representation } | undefined;
  private readonly ajv: ReturnType<typeof createAjv>;
  /** Where the validator comes from: the stored precompiled code, or a compile (then written back). */
  private readonly validators: ValidatorSource;
  private stored: StoredValidator | undefined;
  readonly region: string;

  constructor(
    artifact: Omit<Artifact, 'updatedAt'>,
    version: BundleVersion,
    ajv: ReturnType<typeof createAjv>,
    validators: ValidatorSource = {},
  ) {
    this.compiled = JSON.parse(artifact.compiled) as CompiledBundle;
    this.version = version;
    this.variantStatus = artifact.variantStatus;
    this.compiledJson = new Representation(artifact.compiled, JSON_TYPE, artifact.etag);
    this.ajv = ajv;
    this.validators = validators;
    this.stored = artifact.validator;
    this.region = artifact.region;
  }

  /** The application schema, as served. */
  get schemaJson(): Representation {
    return (this.schemaMade ??= new Representation(JSON.stringify(this.compiled.schema), 'application/schema+json; charset=utf-8'));
  }

  /** The UI schema, as served. */
  get uiSchemaJson(): Representation {
    return (this.uiSchemaMade ??= new Representation(JSON.stringify(this.compiled.uiSchema), JSON_TYPE));
  }

  /** The rules, as served. */
  get rulesJson(): Representation {
    return (this.rulesMade ??= new Representation(JSON.stringify(this.compiled.rules), JSON_TYPE));
  }

  /** The 办事指南 as data, as served. */
  get guideJson(): Representation {
    return (this.guideMade ??= new Representation(JSON.stringify(this.compiled.guide), JSON_TYPE));
  }

  /** Each field's title by its data path, for the errors' words. */
  get titles(): Map<string, string> {
    return (this.titlesMade ??= fieldTitles(this.compiled));
  }

  /** True once the validator is at hand (loaded or compiled). */
  get ready(): boolean {
    return this.validator !== undefined;
  }

  /** The same artifact under a version record whose lifecycle moved on (parsed JSON and validator are kept). */
  withVersion(version: BundleVersion): RuntimeEntry {
    // the guide page names the state: it is drawn again
    return Object.assign(Object.create(RuntimeEntry.prototype) as RuntimeEntry, this, { version, guide: undefined });
  }

  /**
   * The application validator: the precompiled code stored with the artifact when its signature
   * holds, else compiled on first use (and its code handed back to be stored); then kept.
   */
  validate(): ValidateFunction {
    if (this.validator) return this.validator;
    const { key } = this.validators;
    const loaded = key && this.stored ? loadValidator(this.stored, key) : null;
    if (loaded) {
      this.validator = loaded;
      this.validators.loaded?.('precompiled');
    } else if (key) {
      const { validate, stored } = compileWithCode(this.compiled.schema, key);
      this.validator = validate;
      this.validators.loaded?.('compiled');
      this.validators.compiled?.(this, stored);
    } else {
      const id = String(this.compiled.schema.$id);
      this.ajv.removeSchema(id); // a replaced city artifact keeps its $id
      this.validator = this.ajv.compile(this.compiled.schema);
      this.validators.loaded?.('compiled');
    }
    this.stored = undefined;
    return this.validator;
  }

  /**
   * The printable guide page under the published policy: the calendar names the provisional years, the 政策参数
   * are shown as in force on `today` (rendered again when either is published, and each day).
   */
  guideHtml(calendar: PublishedCalendar, parameters: PublishedParameters, today: string): Representation {
    const key = `${calendar.release}|${parameters.release}|${today}`;
    if (this.guide?.key !== key) {
      const policy = { provisional: calendar.body.provisional ?? [], parameters: parameters.body, today };
      this.guide = { key, page: new Representation(renderGuide(this.compiled, this.version.state, policy), 'text/html; charset=utf-8') };
    }
    return this.guide.page;
  }
}

/** The published working-day calendar, prepared for planning. */
export interface PublishedCalendar {
  release: number;
  body: WorkCalendar;
  prepared: PreparedCalendar;
  json: Representation;
}

/** The published 政策参数, prepared for rules. */
export interface PublishedParameters {
  release: number;
  body: PolicyParameters;
  prepared: PreparedParameters;
  json: Representation;
}

/** What `GET /api/calendar` and `GET /api/parameters` serve: the release, when, and the document under its kind. */
const releaseJson = (release: number, publishedAt: string | null, kind: 'calendar' | 'parameters', body: unknown) =>
  new Representation(JSON.stringify({ release, publishedAt, [kind]: body }), JSON_TYPE);

const key = (region: string, id: string, version: number) => `${region}|${id}|${version}`;

/** How entries get their validators: the signing key, and what to do when one is loaded or compiled. */
export interface ValidatorSource {
  /** VALIDATOR_KEY: without it, nothing precompiled is run and nothing is written back. */
  key?: string;
  loaded?(source: 'precompiled' | 'compiled'): void;
  /** A validator compiled here: its signed code, to store for the other instances. */
  compiled?(entry: RuntimeEntry, stored: StoredValidator): void;
}

/** Every servable artifact in memory, with the versions' lifecycle and the published policy. */
export class Runtime {
  private readonly versions = new Map<string, BundleVersion[]>();
  private readonly entries = new Map<string, RuntimeEntry>();
  private readonly ajv = createAjv();
  private readonly store: Store;
  private published: PublishedCalendar | null = null;
  private publishedParameters: PublishedParameters | null = null;
  private currentPolicy: Policy | null = null;
  private readonly validators: ValidatorSource;

  constructor(store: Store, validators: Omit<ValidatorSource, 'compiled'> = {}) {
    this.store = store;
    // a validator compiled here is stored, so that the next instance (or restart) loads it
    this.validators = {
      ...validators,
      compiled: (entry, stored) =>
        void this.store
          .putValidator(entry.version.bundleId, entry.version.version, entry.region, entry.compiledJson.etag, stored)
          .catch(() => undefined),
    };
  }

  /** Compiles, in the background, the validators of a version just published here (and so stores them for every instance). */
  warm(bundleId: string, version: number): void {
    const pending = [...this.entries.values()].filter((e) => e.version.bundleId === bundleId && e.version.version === version && !e.ready);
    const next = () => {
      const entry = pending.shift();
      if (!entry) return;
      entry.validate();
      setImmediate(next);
    };
    if (this.validators.key) setImmediate(next);
  }

  /** Loads versions, artifacts and the published policy from the store. */
  async load(): Promise<void> {
    this.versions.clear();
    this.entries.clear();
    for (const v of await this.store.listVersions()) this.rememberVersion(v);
    for (const a of await this.store.listArtifacts()) this.remember(a);
    await this.reloadPolicy();
  }

  /** The calendar applicants are planned with: the latest published release (weekdays only when none is). */
  get calendar(): PublishedCalendar {
    return this.published ?? Runtime.noCalendar;
  }

  private static readonly noCalendar: PublishedCalendar = {
    release: 0,
    body: { years: [], holidays: [], workdays: [] },
    prepared: prepareCalendar(undefined),
    json: releaseJson(0, null, 'calendar', { years: [], holidays: [], workdays: [] }),
  };

  /** The 政策参数 rules read: the latest published release (none: no parameter has a value, and rules naming one refuse). */
  get parameters(): PublishedParameters {
    return this.publishedParameters ?? Runtime.noParameters;
  }

  private static readonly noParameters: PublishedParameters = {
    release: 0,
    body: { parameters: [] },
    prepared: prepareParameters(undefined),
    json: releaseJson(0, null, 'parameters', { parameters: [] }),
  };

  /** The policy applications are judged under today: the published calendar and parameters. */
  get policy(): Policy {
    this.currentPolicy ??= { calendar: this.calendar.prepared, parameters: this.parameters.prepared };
    return this.currentPolicy;
  }

  /** Serves a newly published release of the policy (calendar or parameters): every live version uses it from now on. */
  setPolicy(release: Release | null): void {
    if (!release) return;
    const { release: number, publishedAt } = release;
    if (release.kind === 'calendar') {
      const body = release.body as WorkCalendar;
      this.published = { release: number, body, prepared: prepareCalendar(body), json: releaseJson(number, publishedAt, 'calendar', body) };
    } else if (release.kind === 'parameters') {
      const body = release.body as PolicyParameters;
      const prepared = prepareParameters(body);
      this.publishedParameters = { release: number, body, prepared, json: releaseJson(number, publishedAt, 'parameters', body) };
    }
    this.currentPolicy = null;
  }

  private rememberVersion(v: BundleVersion): void {
    const list = (this.versions.get(v.bundleId) ?? []).filter((x) => x.version !== v.version);
    list.push(v);
    list.sort((a, b) => a.version - b.version);
    this.versions.set(v.bundleId, list);
  }

  private remember(a: Omit<Artifact, 'updatedAt'>): void {
    const v = this.versions.get(a.bundleId)?.find((x) => x.version === a.version);
    if (!v) return;
    this.entries.set(key(a.region, a.bundleId, a.version), new RuntimeEntry(a, v, this.ajv, this.validators));
  }

  /** Records a new or changed version and its artifacts. */
  update(version: BundleVersion, artifacts: Omit<Artifact, 'updatedAt'>[] = []): void {
    this.rememberVersion(version);
    for (const [k, entry] of this.entries) {
      if (entry.version.bundleId === version.bundleId && entry.version.version === version.version)
        this.entries.set(k, entry.withVersion(version));
    }
    for (const a of artifacts) this.remember(a);
  }

  /**
   * Reads one bundle's versions and artifacts again (another instance published, retired or
   * refreshed a city): an artifact whose etag is unchanged keeps its parsed form and validator.
   */
  async refreshBundle(bundleId: string): Promise<void> {
    const versions = await this.store.listVersions(bundleId);
    const artifacts = await this.store.listArtifacts(bundleId);
    const next = new Map<string, RuntimeEntry>();
    for (const a of artifacts) {
      const v = versions.find((x) => x.version === a.version);
      if (!v) continue;
      const k = key(a.region, a.bundleId, a.version);
      const old = this.entries.get(k);
      // the same artifact keeps its parsed form and validator, unless precompiled code has arrived for it
      const keep = old && old.compiledJson.etag === a.etag && (old.ready || !a.validator);
      next.set(k, keep ? old.withVersion(v) : new RuntimeEntry(a, v, this.ajv, this.validators));
    }
    for (const [k, entry] of this.entries) if (entry.version.bundleId === bundleId) this.entries.delete(k);
    for (const [k, entry] of next) this.entries.set(k, entry);
    if (versions.length) this.versions.set(bundleId, versions);
    else this.versions.delete(bundleId);
  }

  /** Reads the published policy again (at start, or another instance published part of it). */
  async reloadPolicy(): Promise<void> {
    for (const kind of POLICY_KINDS) this.setPolicy(await this.store.latestRelease(kind, kind));
  }

  /** Versions of one bundle, oldest first. */
  versionsOf(bundleId: string): BundleVersion[] {
    return this.versions.get(bundleId) ?? [];
  }

  /** Every bundle id with a version. */
  bundleIds(): string[] {
    return [...this.versions.keys()].sort();
  }

  /**
   * What a region serves for `id` (latest in effect) or `id@version` (pinned), if anything.
   * A city whose variant does not apply to the newest version keeps serving its last good one.
   */
  find(region: string, bundleId: string, version?: number): RuntimeEntry | undefined {
    const versions = this.versionsOf(bundleId);
    if (version !== undefined) {
      const v = versions.find((x) => x.version === version);
      if (!v || (v.state === 'trial' && !v.pilotRegions.includes(region))) return undefined;
      return this.entries.get(key(region, bundleId, v.version));
    }
    // a city whose variant conflicts with a newer version keeps its last good one
    let first: RuntimeEntry | undefined;
    for (const v of servedVersions(versions, region)) {
      const entry = this.entries.get(key(region, bundleId, v.version));
      first ??= entry;
      if (entry && entry.variantStatus !== 'variant-conflict') return entry;
    }
    return first;
  }

  /** The artifact of one version in one region, whatever its state. */
  artifact(region: string, bundleId: string, version: number): RuntimeEntry | undefined {
    return this.entries.get(key(region, bundleId, version));
  }

  /** Every artifact of a version the public can reach (published, or on trial somewhere). */
  liveEntries(): RuntimeEntry[] {
    return [...this.entries.values()].filter((e) => e.version.state === 'published' || e.version.state === 'trial');
  }

  /** Every bundle in effect in a region. */
  inEffect(region: string): RuntimeEntry[] {
    return this.bundleIds()
      .map((id) => this.find(region, id))
      .filter((e): e is RuntimeEntry => e !== undefined);
  }
}
