/**
 * The PostgreSQL store's foundation: a connection pool (node-postgres), versioned migrations
 * under an advisory lock, transactions (a failure leaves the old state), per-key advisory
 * locks that serialise the writers of one document or bundle across every instance, and the
 * audit entry every write carries.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { AuditAction } from '../../schemas/index.ts';
import { PG_MIGRATIONS } from './pg-migrations.ts';
import { sharedRateLimiter } from './pg-rate-limit.ts';
import { AUDIT_COLUMNS, auditValues, type Row } from './rows.ts';
import type { Actor, RateLimiter, StoreChange } from './store.ts';

/** A connection: the pool, or one client inside a transaction. */
export type Db = pg.Pool | pg.PoolClient;

/** Now, as stored. */
export const now = () => new Date().toISOString();

/** PostgreSQL's type id of `json`. */
const JSON_OID = 114;

/** The channel instances tell one another what they wrote on. */
export const CHANGES_CHANNEL = 'yjs_changes';

/** The advisory lock every instance takes to migrate. */
const MIGRATION_LOCK = 7_306_201;

/** The rows of a query. */
export async function rows(db: Db, sql: string, params: unknown[] = []): Promise<Row[]> {
  return (await db.query(sql, params)).rows as Row[];
}

/** The first row of a query, if any. */
export async function one(db: Db, sql: string, params: unknown[] = []): Promise<Row | undefined> {
  return (await db.query(sql, params)).rows[0] as Row | undefined;
}

/** The pool, its migrations and the transaction, lock and audit helpers the store's parts share. */
export class PgBase {
  protected readonly pool: pg.Pool;
  protected readonly url: string;
  /** This instance, so that it does not act on its own notifications. */
  protected readonly instance = randomUUID();

  protected constructor(url: string) {
    this.url = url;
    // json columns are read as text, as SQLite's are: one row mapping (rows.ts) serves both stores
    const types = {
      getTypeParser: ((oid: number, format?: string) =>
        oid === JSON_OID ? (text: string) => text : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    };
    this.pool = new pg.Pool({ connectionString: url, max: 10, types });
    // an idle client that loses its connection is dropped by the pool; the error must not end the process
    this.pool.on('error', () => undefined);
  }

  /** Applies the migrations not yet applied; instances starting together wait for one another. */
  protected async migrate(): Promise<void> {
    const c = await this.pool.connect();
    try {
      await c.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
      const done = new Set((await rows(c, 'SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
      for (const m of PG_MIGRATIONS) {
        if (done.has(m.version)) continue;
        await c.query('BEGIN');
        try {
          await c.query(m.sql);
          await c.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [m.version, now()]);
          await c.query('COMMIT');
        } catch (error) {
          await c.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await c.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      c.release();
    }
  }

  /** Runs `fn` in one transaction on one client. */
  protected async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (error) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      c.release();
    }
  }

  /** Serialises, until the transaction ends, every writer of the things named (in a fixed order: no deadlock). */
  protected async lock(c: pg.PoolClient, ...keys: string[]): Promise<void> {
    for (const key of [...new Set(keys)].sort()) await c.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
  }

  /** Tells the other instances what this transaction changed (delivered when, and only if, it commits). */
  protected async notify(c: Db, change: StoreChange): Promise<void> {
    await c.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify({ from: this.instance, ...change })]);
  }

  /** Appends one line to the audit log (inside the caller's transaction). */
  protected async audit(c: Db, actor: Actor, action: AuditAction, target: string, before: unknown, after: unknown): Promise<void> {
    await c.query(`INSERT INTO ${AUDIT_COLUMNS} VALUES ($1, $2, $3, $4, $5, $6)`, auditValues(actor, action, target, before, after));
  }

  /** True when the database answers (readiness). */
  async ping(): Promise<boolean> {
    try {
      return (await one(this.pool, 'SELECT 1 AS ok'))?.ok === 1;
    } catch {
      return false;
    }
  }

  sharedRateLimiter(name: string, perMinute: number, fallback: RateLimiter): RateLimiter {
    return sharedRateLimiter(this.pool, name, perMinute, fallback);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
