/**
 * The accounts part of the PostgreSQL store: users (disabling ends every session at once),
 * sessions, failed sign-in counters and trusted devices — in the database, so any instance
 * serves any request.
 */
import type pg from 'pg';
import { now, one, PgBase, rows } from './pg-base.ts';
import { account } from './rows.ts';
import type { Actor, NewUser, Session, UserAccount, UserRecord } from './store.ts';

/** Users, sessions, sign-in counters and devices over PostgreSQL. */
export class PgAccounts extends PgBase {
  async getUser(username: string): Promise<UserRecord | null> {
    const r = await one(this.pool, 'SELECT * FROM users WHERE username = $1', [username]);
    return r ? { ...account(r), passwordHash: String(r.password_hash) } : null;
  }

  async createUser(user: NewUser, actor: Actor): Promise<boolean> {
    return this.tx((c) => this.writeUser(c, user, actor));
  }

  protected async writeUser(c: pg.PoolClient, user: NewUser, actor: Actor): Promise<boolean> {
    const at = now();
    const inserted = await c.query(
      `INSERT INTO users (username, password_hash, role, region, created_at, password_changed_at) VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (username) DO NOTHING`,
      [user.username, user.passwordHash, user.role, user.region, at],
    );
    if (!inserted.rowCount) return false;
    await this.audit(c, actor, 'create-user', `user:${user.username}`, undefined, { role: user.role, region: user.region });
    return true;
  }

  async listUsers(): Promise<UserAccount[]> {
    return (await rows(this.pool, 'SELECT * FROM users ORDER BY username')).map(account);
  }

  async updateUser(
    username: string,
    change: { role?: UserAccount['role']; region?: string; disabled?: boolean },
    actor: Actor,
  ): Promise<UserAccount | null> {
    return this.tx(async (c) => {
      const r = await one(c, 'SELECT * FROM users WHERE username = $1 FOR UPDATE', [username]);
      if (!r) return null;
      const before = account(r);
      const disabledAt =
        change.disabled === undefined ? (r.disabled_at ?? null) : change.disabled ? ((r.disabled_at as string | null) ?? now()) : null;
      await c.query('UPDATE users SET role = $1, region = $2, disabled_at = $3 WHERE username = $4', [
        change.role ?? before.role,
        change.region ?? before.region,
        disabledAt,
        username,
      ]);
      // a disabled account's sessions end now, on every instance
      if (disabledAt) await c.query('DELETE FROM sessions WHERE username = $1', [username]);
      const after = account((await one(c, 'SELECT * FROM users WHERE username = $1', [username]))!);
      await this.audit(c, actor, 'update-user', `user:${username}`, before, after);
      return after;
    });
  }

  async setPassword(username: string, passwordHash: string, actor: Actor, keepSession?: string): Promise<boolean> {
    return this.tx(async (c) => {
      const changed = await c.query('UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE username = $3', [
        passwordHash,
        now(),
        username,
      ]);
      if (!changed.rowCount) return false;
      // a new password ends every other session of the account
      await c.query('DELETE FROM sessions WHERE username = $1 AND token_hash != $2', [username, keepSession ?? '']);
      await this.audit(
        c,
        actor,
        actor.username === username ? 'change-password' : 'reset-password',
        `user:${username}`,
        undefined,
        undefined,
      );
      return true;
    });
  }

  async rehashPassword(username: string, passwordHash: string): Promise<void> {
    await this.pool.query('UPDATE users SET password_hash = $1 WHERE username = $2', [passwordHash, username]);
  }

  async deleteUser(username: string, actor: Actor): Promise<boolean> {
    return this.tx(async (c) => {
      const r = await one(c, 'SELECT * FROM users WHERE username = $1 FOR UPDATE', [username]);
      if (!r) return false;
      await c.query('DELETE FROM sessions WHERE username = $1', [username]);
      await c.query('DELETE FROM trusted_devices WHERE username = $1', [username]);
      await c.query('DELETE FROM users WHERE username = $1', [username]);
      await this.audit(c, actor, 'delete-user', `user:${username}`, account(r), undefined);
      return true;
    });
  }

  async createSession(s: Session): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE expires_at < $1', [now()]);
    await this.pool.query('INSERT INTO sessions (token_hash, username, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      s.tokenHash,
      s.username,
      s.csrf,
      now(),
      s.expiresAt,
    ]);
  }

  async getSession(tokenHash: string): Promise<Session | null> {
    const r = await one(this.pool, 'SELECT * FROM sessions WHERE token_hash = $1 AND expires_at > $2', [tokenHash, now()]);
    return r
      ? { tokenHash: String(r.token_hash), username: String(r.username), csrf: String(r.csrf), expiresAt: String(r.expires_at) }
      : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  async countLoginAttempts(keys: readonly string[], windowMs: number): Promise<number[]> {
    return this.tx(async (c) => {
      const at = now();
      // counters older than the window start again; the table never holds more than the window's keys
      await c.query('DELETE FROM login_attempts WHERE last_at < $1', [new Date(Date.now() - windowMs).toISOString()]);
      const out: number[] = [];
      for (const key of keys) {
        const r = await one(
          c,
          `INSERT INTO login_attempts (key, failures, first_at, last_at) VALUES ($1, 1, $2, $2)
           ON CONFLICT (key) DO UPDATE SET failures = login_attempts.failures + 1, last_at = excluded.last_at RETURNING failures`,
          [key, at],
        );
        out.push(Number(r!.failures));
      }
      return out;
    });
  }

  async clearLoginAttempts(keys: readonly string[]): Promise<void> {
    await this.pool.query('DELETE FROM login_attempts WHERE key = ANY($1)', [[...keys]]);
  }

  async lastLoginAttempt(key: string): Promise<string | null> {
    const r = await one(this.pool, 'SELECT last_at FROM login_attempts WHERE key = $1', [key]);
    return r ? String(r.last_at) : null;
  }

  async trustDevice(tokenHash: string, username: string): Promise<void> {
    const at = now();
    await this.pool.query(
      `INSERT INTO trusted_devices (token_hash, username, created_at, last_used_at) VALUES ($1, $2, $3, $3)
       ON CONFLICT (token_hash) DO UPDATE SET last_used_at = excluded.last_used_at`,
      [tokenHash, username, at],
    );
  }

  async isTrustedDevice(tokenHash: string, username: string): Promise<boolean> {
    return (
      (await one(this.pool, 'SELECT 1 AS ok FROM trusted_devices WHERE token_hash = $1 AND username = $2', [tokenHash, username])) !==
      undefined
    );
  }
}
