/**
 * HTTP conventions of the whole app: client errors are 4xx problems, caches can trust the
 * headers, bodies are compressed, a wrong method says which are allowed, readiness checks
 * the store, and hostile bodies are refused early and answered briefly.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ CORS_ORIGINS: 'https://hall.jiangsu.example' });
});
afterAll(() => server.close());

const api = () => request(server.url);
const base = '/api/regions/320500/bundles/unemployment';

describe('HTTP conventions', () => {
  it.each(['/api/regions/%E0%A4%A/bundles', `/api/regions/320500/bundles/%zz`, '/api/studio/documents/matter/%'])(
    'answers a malformed escape in %s with 400, not 500',
    async (path) => {
      const res = await (await server.login('admin')).get(path);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    },
  );

  it('varies public responses on Origin whatever the request’s Origin', async () => {
    for (const origin of [undefined, 'https://evil.example', 'https://hall.jiangsu.example']) {
      const req = api().get(`${base}/schema`);
      if (origin) req.set('Origin', origin);
      const res = await req.expect(200);
      expect(res.headers.vary, String(origin)).toMatch(/Origin/);
    }
  });

  it('answers If-None-Match: * with 304, and gives ETags to the list, examples, diffs and the OpenAPI document', async () => {
    await api().get(`${base}/schema`).set('If-None-Match', '*').expect(304);
    for (const path of ['/api/regions/320500/bundles', `${base}/example`, `${base}/diff?against=base`, '/api/openapi.json']) {
      const first = await api().get(path).expect(200);
      expect(first.headers.etag, path).toMatch(/^(W\/)?"[^"]+"$/);
      await api().get(path).set('If-None-Match', first.headers.etag!).expect(304);
    }
  });

  it('evaluates If-None-Match whatever Cache-Control the request carries (RFC 9110 §13.1.2): fetch() adds no-cache', async () => {
    const first = await api().get(`${base}/schema`).expect(200);
    const tag = first.headers.etag!;
    for (const cache of ['no-cache', 'max-age=0', 'no-store'])
      await api().get(`${base}/schema`).set('Cache-Control', cache).set('Pragma', 'no-cache').set('If-None-Match', tag).expect(304);
    // a weak tag and a list match by weak comparison; another tag does not
    await api().get(`${base}/schema`).set('Cache-Control', 'no-cache').set('If-None-Match', `"other", W/${tag}`).expect(304);
    await api().get(`${base}/schema`).set('Cache-Control', 'no-cache').set('If-None-Match', '"other"').expect(200);
    await api().get(`${base}/schema`).set('Cache-Control', 'no-cache').set('If-None-Match', '*').expect(304);
  });

  it('marks pinned versions immutable', async () => {
    const res = await api().get(`${base}@1/schema`).expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('compresses JSON and HTML with gzip and brotli', async () => {
    for (const encoding of ['gzip', 'br']) {
      for (const path of [`${base}/schema`, base, `${base}/guide`, '/api/openapi.json']) {
        const res = await api()
          .get(path)
          .set('Accept-Encoding', encoding)
          .buffer(true)
          .parse((r, cb) => {
            r.on('data', () => {});
            r.on('end', () => cb(null, null));
          });
        expect(res.headers['content-encoding'], `${path} ${encoding}`).toBe(encoding);
        expect(res.headers.vary).toMatch(/Accept-Encoding/);
      }
    }
    const example = (await api().get(`${base}/example`)).body;
    const validated = await api().post(`${base}/applications/validate`).set('Accept-Encoding', 'br').send(example).expect(200);
    expect(validated.headers['content-encoding']).toBe('br');
    expect(validated.body.valid).toBe(true);
  });

  it('answers a wrong method with 405 and Allow', async () => {
    const res = await api().delete(`${base}/schema`).expect(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.headers['content-type']).toContain('application/problem+json');
    const post = await api().put(`${base}/applications/validate`).send({}).expect(405);
    expect(post.headers.allow).toBe('POST');
    await api().delete('/api/no-such-thing').expect(404);
  });

  it('keeps /api/health for liveness and checks the store in /api/ready', async () => {
    await api().get('/api/health').expect(200, { status: 'ok' });
    expect((await api().get('/api/ready').expect(200)).body).toEqual({ status: 'ready', store: 'ok' });
  });

  it('refuses JSON nested deeper than 64 levels with 400, on any route', async () => {
    const deep = '['.repeat(40_000) + ']'.repeat(40_000);
    for (const path of [`${base}/applications/validate`, '/api/studio/login']) {
      const res = await api().post(path).set('Content-Type', 'application/json').send(deep);
      expect(res.status, path).toBe(400);
      expect(res.body.detail).toMatch(/嵌套/);
    }
    const ok = JSON.stringify({ a: JSON.parse('['.repeat(60) + ']'.repeat(60)) });
    expect((await api().post(`${base}/applications/validate`).set('Content-Type', 'application/json').send(ok)).status).toBe(422);
  });

  it('refuses an application of tens of thousands of values before validating it, briefly', async () => {
    const example = (await api().get(`${base}/example`)).body;
    const started = process.cpuUsage();
    const res = await api()
      .post(`${base}/applications/validate`)
      .send({ ...example, matters: Array.from({ length: 40_000 }, (_, i) => i) })
      .expect(422);
    const cpu = process.cpuUsage(started);
    expect(res.body.detail).toBe('申请内容过多（超过 5000 项），不是有效的申请');
    expect(res.text.length).toBeLessThan(1000);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(150);
  });

  it('lists at most 50 errors of an application, with the count of the rest', async () => {
    const example = (await api().get(`${base}/example`)).body;
    const res = await api()
      .post(`${base}/applications/validate`)
      .send({ ...example, matters: Array.from({ length: 3000 }, (_, i) => i) })
      .expect(422);
    expect(res.body.errors).toHaveLength(50);
    expect(res.body.moreErrors).toBeGreaterThan(2900);
    expect(res.text.length).toBeLessThan(20_000);
  });
});
