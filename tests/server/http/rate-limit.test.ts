import type pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenBuckets } from '../../../server/http/rate-limit.ts';
import { sharedRateLimiter } from '../../../server/store/pg-rate-limit.ts';
import { startServer, type TestServer } from '../../support/test-server.ts';

/** The public POSTs are limited per client; the rest of the API is not, and another client has its own allowance. */
let server: TestServer;
beforeAll(async () => {
  server = await startServer({ RATE_LIMIT_POST: '5', TRUST_PROXY: 'true' });
});
afterAll(() => server.close());

const path = '/api/regions/320000/bundles/unemployment';

describe('rate limit of the public POST routes', () => {
  it('refuses the sixth validation in a minute from one client, saying when to come back, and not another client’s', async () => {
    const example = (await request(server.url).get(`${path}/example`).expect(200)).body as object;
    const from = (ip: string) => request(server.url).post(`${path}/applications/validate`).set('X-Forwarded-For', ip).send(example);
    for (let i = 0; i < 5; i++) await from('203.0.113.7').expect(200);
    const refused = await from('203.0.113.7').expect(429);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.body.detail).toMatch(/^提交过于频繁，请 \d+ 秒后再试$/);
    await from('198.51.100.9').expect(200);
    // reading is not limited
    for (let i = 0; i < 8; i++) await request(server.url).get(`${path}/schema`).set('X-Forwarded-For', '203.0.113.7').expect(200);
  });

  it('gives the allowance back as time passes', () => {
    let t = 0;
    const buckets = new TokenBuckets(60, () => t);
    for (let i = 0; i < 60; i++) expect(buckets.take('192.0.2.1')).toBe(0);
    expect(buckets.take('192.0.2.1')).toBe(1);
    t += 1000; // one a second comes back
    expect(buckets.take('192.0.2.1')).toBe(0);
    expect(buckets.take('192.0.2.1')).toBe(1);
    expect(buckets.take('192.0.2.2')).toBe(0);
  });
});

describe('the shared limit when its database cannot be asked', () => {
  it('counts on the instance meanwhile: applicants are neither all refused nor unlimited', async () => {
    // a pool whose every connection fails, as a database that is down
    const down = { constructor: { name: 'Pool' }, connect: () => Promise.reject(new Error('connection refused')) } as unknown as pg.Pool;
    const limiter = sharedRateLimiter(down, 'validate', 2, new TokenBuckets(2, () => 0));
    expect([await limiter.take('10.0.0.1'), await limiter.take('10.0.0.1'), await limiter.take('10.0.0.1')]).toEqual([0, 0, 30]);
    expect(await limiter.take('10.0.0.2')).toBe(0);
  });
});
