/**
 * The storage interface. Narrow on purpose: the embedded SQLite store implements it, a
 * PostgreSQL one can follow for multi-instance deployments. Every write is one transaction
 * that includes its audit entry. Document revisions are never changed or deleted, so a
 * version's pins and a release always find the revision they name.
 */
import type {
  AuditEntry,
  DocumentHead,
  DocumentKind,
  DocumentView,
  PinnedRevision,
  Pins,
  ReleaseView,
  Role,
  User,
  UserAccount,
  VersionState,
  VersionView,
} from '../../schemas/index.ts';

export type { AuditEntry, DocumentHead, DocumentKind, Role, User, UserAccount, VersionState };

/** A document at one revision. */
export type StoredDocument = DocumentView;

/** An immutable bundle version: the bundle as versioned and the catalog revisions it was compiled against. */
export interface BundleVersion extends VersionView {
  body: unknown;
  pins: Pins;
}

/** A release of a document with a lifecycle of its own (the calendar, the 政策参数, a city's), with the revision's body. */
export interface Release extends ReleaseView {
  body: unknown;
}

/** A precompiled application validator: AJV standalone code, signed (see runtime/validator-code.ts). */
export interface StoredValidator {
  code: string;
  mac: string;
}

/** A compiled artifact of a version in one region, precomputed for the runtime. */
export interface Artifact {
  bundleId: string;
  version: number;
  region: string;
  /** The CompiledBundle as JSON text. */
  compiled: string;
  etag: string;
  /** 'ok', or 'variant-conflict' when the city's variant did not apply and the base is served. */
  variantStatus: 'ok' | 'variant-conflict' | 'none';
  updatedAt: string;
  /** Its application validator, precompiled, once one instance has written it. */
  validator?: StoredValidator;
}

/** A user with the stored password hash. */
export interface UserRecord extends UserAccount {
  passwordHash: string;
}

/** A user to create. */
export interface NewUser extends User {
  passwordHash: string;
}

/** A login session. */
export interface Session {
  tokenHash: string;
  username: string;
  csrf: string;
  expiresAt: string;
}

/** Who writes, for the audit log. */
export interface Actor {
  username: string;
}

/** Result of a conditional write. */
export type PutResult = { ok: true; doc: StoredDocument } | { ok: false; current: StoredDocument | null };

/** A new version, before the store stamps it. */
export type NewVersion = Omit<BundleVersion, 'publishedAt' | 'retiredAt' | 'createdAt'>;

/** A conditional write of one document (If-Match): `expectedRev` null means it must not exist yet. */
export interface PutDocumentInput {
  kind: DocumentKind;
  id: string;
  body: unknown;
  region: string | null;
  expectedRev: number | null;
  actor: Actor;
  action: 'create' | 'update' | 'record-cases';
}

/** A document to import as a new revision. */
export interface NewDocument {
  kind: DocumentKind;
  id: string;
  body: unknown;
  region: string | null;
}

/** A version to create, with its artifacts, on top of the latest version `after` (null: the first). */
export interface NewVersionInput {
  version: NewVersion;
  artifacts: Omit<Artifact, 'updatedAt'>[];
  actor: Actor;
  after: number | null;
  changes?: unknown[];
  /** The publish request's key: a repeated request finds this version. */
  requestKey?: string;
}

/** Everything a first start writes, in one transaction. */
export interface Seed {
  documents: NewDocument[];
  releases: { kind: DocumentKind; id: string }[];
  versions: { version: NewVersion; artifacts: Omit<Artifact, 'updatedAt'>[] }[];
  admin: NewUser;
}

/** What another instance published: a bundle's versions or artifacts, or the policy (the calendar or the 政策参数). */
export type StoreChange = { kind: 'bundle'; bundleId: string } | { kind: 'policy' };

/**
 * Fingerprints of what the runtime serves, to notice changes a notification did not bring:
 * per bundle (its versions' states and its artifacts' etags) and the policy's latest releases.
 */
export interface ChangeStamps {
  bundles: Map<string, string>;
  policy: string;
}

/** Counts one request of a client: 0 when it may go on, else the seconds until it may. */
export interface RateLimiter {
  take(key: string): number | Promise<number>;
}

/** The storage every part of the server goes through. */
export interface Store {
  /** True when the store answers (readiness). */
  ping(): Promise<boolean>;
  isEmpty(): Promise<boolean>;
  listDocuments(kind: DocumentKind): Promise<DocumentHead[]>;
  getDocument(kind: DocumentKind, id: string): Promise<StoredDocument | null>;
  currentDocuments(): Promise<StoredDocument[]>;
  /** The documents at the revisions named (those that exist). */
  getRevisions(refs: readonly PinnedRevision[]): Promise<StoredDocument[]>;
  /** Writes a new revision when `expectedRev` is the current one (null: the document must not exist). */
  putDocument(input: PutDocumentInput): Promise<PutResult>;
  /** Many documents in one transaction, unconditionally (seeding). */
  importDocuments(docs: NewDocument[], actor: Actor): Promise<void>;
  /**
   * Many documents in one transaction, each only when its `expectedRev` is still current
   * (an import): all are written, each audited as `import`, or none (the ones that moved are returned).
   */
  putDocuments(
    docs: (NewDocument & { expectedRev: number | null })[],
    actor: Actor,
  ): Promise<{ ok: true } | { ok: false; moved: string[] }>;
  /** A first start: documents, releases, versions and the admin, all or nothing. */
  seed(input: Seed, actor: Actor): Promise<void>;

  /** Publishes a document's current revision as its next release; null when there is no document, or that revision is already released. */
  releaseDocument(input: { kind: DocumentKind; id: string; actor: Actor }): Promise<Release | null>;
  /** The latest release of a document, with its body. */
  latestRelease(kind: DocumentKind, id: string): Promise<Release | null>;
  /** The latest release of every document of a kind. */
  latestReleases(kind: DocumentKind): Promise<Release[]>;
  /** Every release of a document, oldest first. */
  listReleases(kind: DocumentKind, id: string): Promise<ReleaseView[]>;

  listVersions(bundleId?: string): Promise<BundleVersion[]>;
  getVersion(bundleId: string, version: number): Promise<BundleVersion | null>;
  /** Creates a version and its artifacts in one transaction; null when the latest version is no longer `after`. */
  createVersion(input: NewVersionInput): Promise<BundleVersion | null>;
  /** Moves a version along its lifecycle; returns null when it does not exist. */
  setVersionState(input: {
    bundleId: string;
    version: number;
    state: VersionState;
    pilotRegions?: string[];
    actor: Actor;
  }): Promise<BundleVersion | null>;
  /** Every artifact, or one bundle's. */
  listArtifacts(bundleId?: string): Promise<Artifact[]>;
  getArtifact(bundleId: string, version: number, region: string): Promise<Artifact | null>;
  putArtifacts(artifacts: Omit<Artifact, 'updatedAt'>[]): Promise<void>;
  /** Stores an artifact's precompiled validator, if the artifact is still the one with `etag`; false when it is not. */
  putValidator(bundleId: string, version: number, region: string, etag: string, validator: StoredValidator): Promise<boolean>;

  /** The version a publish request with this key made, if any. */
  findVersionRequest(key: string): Promise<{ bundleId: string; version: number } | null>;

  getUser(username: string): Promise<UserRecord | null>;
  createUser(user: NewUser, actor: Actor): Promise<boolean>;
  listUsers(): Promise<UserAccount[]>;
  /** Changes role, region or disabled; disabling ends the account's sessions at once. Null when there is no such user. */
  updateUser(username: string, change: { role?: Role; region?: string; disabled?: boolean }, actor: Actor): Promise<UserAccount | null>;
  /** Sets a new password hash and ends the account's other sessions (all but `keepSession`). */
  setPassword(username: string, passwordHash: string, actor: Actor, keepSession?: string): Promise<boolean>;
  /** Stores a stronger hash of the same password after a sign-in. */
  rehashPassword(username: string, passwordHash: string): Promise<void>;
  deleteUser(username: string, actor: Actor): Promise<boolean>;
  createSession(session: Session): Promise<void>;
  getSession(tokenHash: string): Promise<Session | null>;
  deleteSession(tokenHash: string): Promise<void>;

  /** Counts a sign-in attempt under each key (counters older than `windowMs` start again); returns the counts. */
  countLoginAttempts(keys: readonly string[], windowMs: number): Promise<number[]>;
  clearLoginAttempts(keys: readonly string[]): Promise<void>;
  /** When a key was last counted (its count starts again a window after that). */
  lastLoginAttempt(key: string): Promise<string | null>;
  /** Remembers a device that signed in to an account. */
  trustDevice(tokenHash: string, username: string): Promise<void>;
  isTrustedDevice(tokenHash: string, username: string): Promise<boolean>;

  listAudit(options: { limit: number; before?: number }): Promise<AuditEntry[]>;

  /**
   * Hears what other instances on the same database write (PostgreSQL: LISTEN/NOTIFY);
   * returns a function that stops listening. The embedded store has one process: nothing to hear.
   */
  watch(listener: (change: StoreChange) => void): Promise<() => Promise<void>>;
  /** The fingerprints to reconcile with when a notification was missed; null when there are no other instances. */
  changeStamps(): Promise<ChangeStamps | null>;
  /** A fingerprint of the current documents (changes with every write); null when no other instance writes. */
  documentsStamp(): Promise<string | null>;
  /**
   * A rate limiter every instance on this store shares, when the store can hold one (PostgreSQL);
   * undefined on the embedded store, whose single instance counts in memory.
   */
  sharedRateLimiter?(name: string, perMinute: number, fallback: RateLimiter): RateLimiter;
  close(): Promise<void>;
}
