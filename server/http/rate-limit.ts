/**
 * Per-client rate limit of the public POST routes (validation), by client address — `req.ip`,
 * which honours TRUST_PROXY, so behind a proxy the applicant's address counts, not the proxy's.
 * The embedded default counts in memory: a token bucket per client holding a minute's
 * allowance, refilled continuously, in a bounded table (idle full buckets are forgotten first).
 * On PostgreSQL every instance counts in one table (rate-limiter-flexible, a minute's window per
 * client), so N instances allow the rate once, not N times; if the database cannot be asked,
 * the instance counts on its own meanwhile rather than refusing every applicant.
 */
import type { RequestHandler } from 'express';
import type { RateLimiter } from '../store/store.ts';
import { sendProblem } from './problem.ts';

/** The most clients remembered at once. */
const MAX_CLIENTS = 50_000;

/** A minute's allowance per key, refilled continuously. */
export class TokenBuckets implements RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMinute: number;
  private readonly perMs: number;
  private readonly now: () => number;

  constructor(perMinute: number, now: () => number = Date.now) {
    this.perMinute = perMinute;
    this.perMs = perMinute / 60_000;
    this.now = now;
  }

  /** Takes one request's token for `key`: 0 when it may go on, else the seconds until it may. */
  take(key: string): number {
    const t = this.now();
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= MAX_CLIENTS) this.forgetIdle(t);
      b = { tokens: this.perMinute, at: t };
      this.buckets.set(key, b);
    } else this.refill(b, t);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / this.perMs / 1000);
  }

  private refill(b: { tokens: number; at: number }, t: number): void {
    b.tokens = Math.min(this.perMinute, b.tokens + (t - b.at) * this.perMs);
    b.at = t;
  }

  private forgetIdle(t: number): void {
    for (const [key, b] of this.buckets) {
      this.refill(b, t);
      if (b.tokens >= this.perMinute) this.buckets.delete(key);
    }
    // still too many: the oldest go
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < MAX_CLIENTS) break;
      this.buckets.delete(key);
    }
  }
}

/** A limiter of `perMinute` requests per client (0: no limit), counted by `limiter` (in memory unless given). */
export function rateLimit(perMinute: number, limiter: RateLimiter = new TokenBuckets(perMinute)): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  const refuse = (res: Parameters<RequestHandler>[1], wait: number) => {
    res.setHeader('Retry-After', String(wait));
    sendProblem(res, 429, `提交过于频繁，请 ${wait} 秒后再试`);
  };
  return (req, res, next) => {
    const wait = limiter.take(req.ip ?? 'unknown');
    if (typeof wait === 'number') return wait === 0 ? next() : refuse(res, wait);
    wait.then((w) => (w === 0 ? next() : refuse(res, w)), next);
  };
}
