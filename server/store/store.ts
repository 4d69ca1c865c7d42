/**
 * The storage interface. Narrow on purpose: the embedded SQLite store implements it now,
 * a PostgreSQL one can follow for multi-instance deployments. Every write is one
 * transaction that includes its audit entry.
 */

/** Kinds of authored document kept with every revision. */
export type DocumentKind = 'dictionary' | 'materials' | 'calendar' | 'matter' | 'bundle' | 'variant';

/** Head of a document: its current revision. */
export interface DocumentHead {
  kind: DocumentKind;
  id: string;
  rev: number;
  /** Owner region (city-local matters, variants); null for provincial documents. */
  region: string | null;
  updatedAt: string;
  updatedBy: string;
}

/** A document at one revision. */
export interface StoredDocument extends DocumentHead {
  body: unknown;
}

/** Lifecycle state of a bundle version (a draft is the bundle document itself). */
export type VersionState = 'trial' | 'published' | 'retired';

/** An immutable bundle version. */
export interface BundleVersion {
  bundleId: string;
  version: number;
  state: VersionState;
  pilotRegions: string[];
  body: unknown;
  createdAt: string;
  createdBy: string;
  publishedAt: string | null;
  retiredAt: string | null;
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
}

/** Roles checked on every studio route. */
export type Role = 'admin' | 'city-editor' | 'viewer';

/** A studio user. */
export interface User {
  username: string;
  role: Role;
  /** The region a city editor is bound to; the province code for admins and viewers. */
  region: string;
}

/** A user with the stored password hash. */
export interface UserRecord extends User {
  passwordHash: string;
}

/** A login session. */
export interface Session {
  tokenHash: string;
  username: string;
  csrf: string;
  expiresAt: string;
}

/** One line of the audit log. */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
}

/** Who writes, for the audit log. */
export interface Actor {
  username: string;
}

/** Result of a conditional write. */
export type PutResult = { ok: true; doc: StoredDocument } | { ok: false; current: StoredDocument | null };

/** The storage every part of the server goes through. */
export interface Store {
  isEmpty(): Promise<boolean>;
  listDocuments(kind: DocumentKind): Promise<DocumentHead[]>;
  getDocument(kind: DocumentKind, id: string): Promise<StoredDocument | null>;
  currentDocuments(): Promise<StoredDocument[]>;
  /** Writes a new revision when `expectedRev` is the current one (null: the document must not exist). */
  putDocument(input: {
    kind: DocumentKind;
    id: string;
    body: unknown;
    region: string | null;
    expectedRev: number | null;
    actor: Actor;
    action: string;
  }): Promise<PutResult>;
  /** Many documents in one transaction, unconditionally (seeding). */
  importDocuments(docs: { kind: DocumentKind; id: string; body: unknown; region: string | null }[], actor: Actor): Promise<void>;

  listVersions(bundleId?: string): Promise<BundleVersion[]>;
  getVersion(bundleId: string, version: number): Promise<BundleVersion | null>;
  /** Creates a version and its artifacts in one transaction. */
  createVersion(input: {
    version: Omit<BundleVersion, 'publishedAt' | 'retiredAt' | 'createdAt'>;
    artifacts: Omit<Artifact, 'updatedAt'>[];
    actor: Actor;
    changes?: unknown[];
  }): Promise<BundleVersion>;
  /** Moves a version along its lifecycle; returns null when it does not exist. */
  setVersionState(input: {
    bundleId: string;
    version: number;
    state: VersionState;
    pilotRegions?: string[];
    actor: Actor;
  }): Promise<BundleVersion | null>;
  listArtifacts(): Promise<Artifact[]>;
  putArtifacts(artifacts: Omit<Artifact, 'updatedAt'>[]): Promise<void>;

  getUser(username: string): Promise<UserRecord | null>;
  createUser(user: UserRecord, actor: Actor): Promise<boolean>;
  listUsers(): Promise<User[]>;
  createSession(session: Session): Promise<void>;
  getSession(tokenHash: string): Promise<Session | null>;
  deleteSession(tokenHash: string): Promise<void>;

  listAudit(options: { limit: number; before?: number }): Promise<AuditEntry[]>;
  close(): Promise<void>;
}
