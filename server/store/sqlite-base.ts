/**
 * The embedded store's foundation: one SQLite file through Node 24's `node:sqlite`, WAL,
 * foreign keys, synchronous=FULL so an acknowledged write survives a crash, versioned
 * migrations, IMMEDIATE transactions (a crash leaves the old or the new state) and the
 * audit entry every write carries.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { MIGRATIONS } from './migrations.ts';
import type { AuditAction } from '../../schemas/index.ts';
import { AUDIT_COLUMNS, auditValues, type Row } from './rows.ts';
import type { Actor } from './store.ts';

/** Now, as stored. */
export const now = () => new Date().toISOString();

/** How to open the file: `maxPageCount` caps it (SQLite's own limit), which tests use to make the disk "full". */
export interface SqliteOptions {
  maxPageCount?: number;
}

/** The connection, its migrations and the transaction and audit helpers the store's parts share. */
export class SqliteBase {
  protected readonly db: DatabaseSync;

  constructor(file: string, options: SqliteOptions = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new DatabaseSync(file);
    // each SQL text is prepared once and its statement reused (the store's SQL is constant text: the cache stays small)
    const prepare = this.db.prepare.bind(this.db);
    const prepared = new Map<string, StatementSync>();
    this.db.prepare = (sql: string) => {
      let statement = prepared.get(sql);
      if (!statement) {
        if (prepared.size >= 500) prepared.clear();
        prepared.set(sql, (statement = prepare(sql)));
      }
      return statement;
    };
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
    if (options.maxPageCount) this.db.exec(`PRAGMA max_page_count = ${Math.floor(options.maxPageCount)}`);
    this.migrate();
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT');
    const done = new Set((this.db.prepare('SELECT version FROM schema_migrations').all() as Row[]).map((r) => Number(r.version)));
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      this.tx(() => {
        this.db.exec(m.sql);
        this.db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(m.version, now());
      });
    }
  }

  /** Runs `fn` in one IMMEDIATE transaction. */
  protected tx<T>(fn: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const out = fn();
      this.db.exec('COMMIT');
      return out;
    } catch (error) {
      // SQLite rolls back by itself on some errors (a full disk): then there is nothing left to roll back
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Appends one line to the audit log (inside the caller's transaction). */
  protected audit(actor: Actor, action: AuditAction, target: string, before: unknown, after: unknown): void {
    this.db.prepare(`INSERT INTO ${AUDIT_COLUMNS} VALUES (?, ?, ?, ?, ?, ?)`).run(...auditValues(actor, action, target, before, after));
  }

  /** True when the file answers (readiness). */
  async ping(): Promise<boolean> {
    try {
      return (this.db.prepare('SELECT 1 AS ok').get() as Row).ok === 1;
    } catch {
      return false;
    }
  }

  /** Runs SQLite's integrity check; 'ok' when the file is sound. */
  integrityCheck(): string {
    return String((this.db.prepare('PRAGMA integrity_check').get() as Row).integrity_check);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
