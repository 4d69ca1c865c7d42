/**
 * The accounts part of the embedded store: users (with disabling, which ends every session
 * at once), sessions, failed sign-in counters and trusted devices — all in the database, so
 * any instance serves any request.
 */
import { account, type Row } from './rows.ts';
import { now, SqliteBase } from './sqlite-base.ts';
import type { Actor, NewUser, Session, UserAccount, UserRecord } from './store.ts';

/** Users, sessions, sign-in counters and devices over SQLite. */
export class SqliteAccounts extends SqliteBase {
  async getUser(username: string): Promise<UserRecord | null> {
    const r = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as Row | undefined;
    return r ? { ...account(r), passwordHash: String(r.password_hash) } : null;
  }

  async createUser(user: NewUser, actor: Actor): Promise<boolean> {
    return this.tx(() => this.writeUser(user, actor));
  }

  protected writeUser(user: NewUser, actor: Actor): boolean {
    if (this.db.prepare('SELECT 1 FROM users WHERE username = ?').get(user.username)) return false;
    const at = now();
    this.db
      .prepare('INSERT INTO users (username, password_hash, role, region, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(user.username, user.passwordHash, user.role, user.region, at, at);
    this.audit(actor, 'create-user', `user:${user.username}`, undefined, { role: user.role, region: user.region });
    return true;
  }

  async listUsers(): Promise<UserAccount[]> {
    return (this.db.prepare('SELECT * FROM users ORDER BY username').all() as Row[]).map(account);
  }

  async updateUser(
    username: string,
    change: { role?: UserAccount['role']; region?: string; disabled?: boolean },
    actor: Actor,
  ): Promise<UserAccount | null> {
    return this.tx(() => {
      const r = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as Row | undefined;
      if (!r) return null;
      const before = account(r);
      const disabledAt =
        change.disabled === undefined ? (r.disabled_at ?? null) : change.disabled ? ((r.disabled_at as string | null) ?? now()) : null;
      this.db
        .prepare('UPDATE users SET role = ?, region = ?, disabled_at = ? WHERE username = ?')
        .run(change.role ?? before.role, change.region ?? before.region, disabledAt as string | null, username);
      // a disabled account's sessions end now, on every instance
      if (disabledAt) this.db.prepare('DELETE FROM sessions WHERE username = ?').run(username);
      const after = account(this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as Row);
      this.audit(actor, 'update-user', `user:${username}`, before, after);
      return after;
    });
  }

  async setPassword(username: string, passwordHash: string, actor: Actor, keepSession?: string): Promise<boolean> {
    return this.tx(() => {
      const changed = this.db
        .prepare('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE username = ?')
        .run(passwordHash, now(), username).changes;
      if (!changed) return false;
      // a new password ends every other session of the account
      this.db.prepare('DELETE FROM sessions WHERE username = ? AND token_hash != ?').run(username, keepSession ?? '');
      this.audit(actor, actor.username === username ? 'change-password' : 'reset-password', `user:${username}`, undefined, undefined);
      return true;
    });
  }

  /** Stores a stronger hash of the same password (after a sign-in), without ending sessions or auditing. */
  async rehashPassword(username: string, passwordHash: string): Promise<void> {
    this.db.prepare('UPDATE users SET password_hash = ? WHERE username = ?').run(passwordHash, username);
  }

  async deleteUser(username: string, actor: Actor): Promise<boolean> {
    return this.tx(() => {
      const r = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as Row | undefined;
      if (!r) return false;
      this.db.prepare('DELETE FROM sessions WHERE username = ?').run(username);
      this.db.prepare('DELETE FROM trusted_devices WHERE username = ?').run(username);
      this.db.prepare('DELETE FROM users WHERE username = ?').run(username);
      this.audit(actor, 'delete-user', `user:${username}`, account(r), undefined);
      return true;
    });
  }

  async createSession(s: Session): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(now());
    this.db
      .prepare('INSERT INTO sessions (token_hash, username, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(s.tokenHash, s.username, s.csrf, now(), s.expiresAt);
  }

  async getSession(tokenHash: string): Promise<Session | null> {
    const r = this.db.prepare('SELECT * FROM sessions WHERE token_hash = ? AND expires_at > ?').get(tokenHash, now()) as Row | undefined;
    return r
      ? { tokenHash: String(r.token_hash), username: String(r.username), csrf: String(r.csrf), expiresAt: String(r.expires_at) }
      : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  async countLoginAttempts(keys: readonly string[], windowMs: number): Promise<number[]> {
    return this.tx(() => {
      const at = now();
      const since = new Date(Date.now() - windowMs).toISOString();
      // counters older than the window start again; the table never holds more than the window's keys
      this.db.prepare('DELETE FROM login_attempts WHERE last_at < ?').run(since);
      return keys.map((key) => {
        const r = this.db
          .prepare(
            `INSERT INTO login_attempts (key, failures, first_at, last_at) VALUES (?, 1, ?, ?)
             ON CONFLICT (key) DO UPDATE SET failures = failures + 1, last_at = excluded.last_at RETURNING failures`,
          )
          .get(key, at, at) as Row;
        return Number(r.failures);
      });
    });
  }

  async clearLoginAttempts(keys: readonly string[]): Promise<void> {
    const stmt = this.db.prepare('DELETE FROM login_attempts WHERE key = ?');
    for (const key of keys) stmt.run(key);
  }

  async lastLoginAttempt(key: string): Promise<string | null> {
    const r = this.db.prepare('SELECT last_at FROM login_attempts WHERE key = ?').get(key) as Row | undefined;
    return r ? String(r.last_at) : null;
  }

  async trustDevice(tokenHash: string, username: string): Promise<void> {
    const at = now();
    this.db
      .prepare(
        'INSERT INTO trusted_devices (token_hash, username, created_at, last_used_at) VALUES (?, ?, ?, ?) ON CONFLICT (token_hash) DO UPDATE SET last_used_at = excluded.last_used_at',
      )
      .run(tokenHash, username, at, at);
  }

  async isTrustedDevice(tokenHash: string, username: string): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM trusted_devices WHERE token_hash = ? AND username = ?').get(tokenHash, username) !== undefined;
  }
}
