import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../support/test-server.ts';

/**
 * Security headers are helmet's, as the product configures it, on every answer — routed or
 * answered ahead of the router — and HSTS is sent only where it means something: over TLS, which
 * behind a trusted proxy is its X-Forwarded-Proto.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startServer({ TRUST_PROXY: 'loopback' });
});
afterAll(() => server.close());

const PATHS = ['/api/regions/320000/bundles/unemployment/schema', '/api/regions/320000/bundles', '/api/health', '/api/no-such-route'];

describe('security headers', () => {
  it('are helmet’s on every answer, with the product’s own policy (no unsafe-eval, no framing)', async () => {
    for (const path of PATHS) {
      const res = await request(server.url).get(path);
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
      expect(res.headers['x-frame-options'], path).toBe('DENY');
      expect(res.headers['referrer-policy'], path).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy'], path).toBe('same-origin');
      expect(res.headers['x-permitted-cross-domain-policies'], path).toBe('none');
      expect(res.headers['content-security-policy'], path).toMatch(/^default-src 'self';.*script-src 'self';/);
      expect(res.headers['content-security-policy'], path).not.toContain('unsafe-eval');
      expect(res.headers['x-powered-by'], path).toBeUndefined();
    }
  });

  it('add HSTS over TLS (a trusted proxy’s X-Forwarded-Proto: https), never over plain HTTP', async () => {
    for (const path of PATHS) {
      const secure = await request(server.url).get(path).set('X-Forwarded-Proto', 'https');
      expect(secure.headers['strict-transport-security'], path).toBe('max-age=31536000; includeSubDomains');
      const plain = await request(server.url).get(path);
      expect(plain.headers['strict-transport-security'], path).toBeUndefined();
    }
  });
});
