/**
 * Login throttling: after 5 failed logins for one user from one address within 15 minutes,
 * further attempts are refused for 15 minutes. Kept in memory (one instance; a shared
 * store would hold it in a multi-instance deployment).
 */
const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 5;

interface Entry {
  failures: number;
  first: number;
  lockedUntil: number;
}

/** A login throttle. */
export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly clock: () => number;

  constructor(clock: () => number = Date.now) {
    this.clock = clock;
  }

  /** Seconds to wait before `key` may try again, or 0. */
  retryAfter(key: string): number {
    const e = this.entries.get(key);
    const t = this.clock();
    return e && e.lockedUntil > t ? Math.ceil((e.lockedUntil - t) / 1000) : 0;
  }

  /** Records a failed attempt. */
  fail(key: string): void {
    const t = this.clock();
    let e = this.entries.get(key);
    if (!e || t - e.first > WINDOW_MS) e = { failures: 0, first: t, lockedUntil: 0 };
    e.failures++;
    if (e.failures >= MAX_FAILURES) e.lockedUntil = t + WINDOW_MS;
    this.entries.set(key, e);
    if (this.entries.size > 10_000)
      for (const [k, v] of this.entries) if (t - v.first > WINDOW_MS && v.lockedUntil < t) this.entries.delete(k);
  }

  /** Forgets a key after a successful login. */
  succeed(key: string): void {
    this.entries.delete(key);
  }
}
