/**
 * The public POSTs' rate limit shared by every instance on one PostgreSQL database
 * (rate-limiter-flexible over the store's pool; the table is the migrations'), counting locally
 * while the database cannot be asked.
 */
import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimiter } from './store.ts';

/**
 * A minute's allowance per client shared by every instance on the database `pool` (table
 * `rate_limits`, made by the migrations); `fallback` counts while the database cannot be asked.
 */
export function sharedRateLimiter(pool: pg.Pool, name: string, perMinute: number, fallback: RateLimiter): RateLimiter {
  const limiter = new RateLimiterPostgres({
    storeClient: pool,
    storeType: 'pool',
    tableName: 'rate_limits',
    tableCreated: true,
    keyPrefix: name,
    points: perMinute,
    duration: 60,
  });
  return {
    take: (key) =>
      limiter.consume(key).then(
        () => 0,
        (refusal: unknown) =>
          refusal instanceof RateLimiterRes ? Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) : fallback.take(key),
      ),
  };
}
