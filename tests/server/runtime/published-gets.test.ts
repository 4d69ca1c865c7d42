import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../support/test-server.ts';

/**
 * The published GETs answered before Express's router say exactly what the routed app says:
 * the same status, headers (but the date and the request id) and bytes — for every
 * representation, with and without an allowed Origin, compressed or not, revalidated, as HEAD.
 * A query makes the app route the request, so each pair compares the two paths.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startServer({ CORS_ORIGINS: 'https://hall.jiangsu.example' });
});
afterAll(() => server.close());

const base = '/api/regions/320500/bundles/unemployment';

async function answer(path: string, headers: Record<string, string>, method: 'GET' | 'HEAD' = 'GET') {
  const req = method === 'GET' ? request(server.url).get(path) : request(server.url).head(path);
  for (const [k, v] of Object.entries(headers)) req.set(k, v);
  const res = await req.buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => done(null, Buffer.concat(chunks)));
  });
  const { date: _date, 'x-request-id': _id, ...rest } = res.headers as Record<string, string>;
  return { status: res.status, headers: rest, body: (res.body as Buffer).toString('base64') };
}

describe('published GETs before the router', () => {
  const etag = async (path: string) => (await request(server.url).get(path).expect(200)).headers.etag!;
  const variants: [string, Record<string, string>][] = [
    ['plain', {}],
    ['allowed origin', { Origin: 'https://hall.jiangsu.example' }],
    ['other origin', { Origin: 'https://evil.example' }],
    ['brotli', { 'Accept-Encoding': 'br, gzip' }],
    ['gzip', { 'Accept-Encoding': 'gzip' }],
  ];

  for (const suffix of ['', '/schema', '/ui-schema', '/rules'])
    for (const ref of ['unemployment', 'unemployment@1'])
      it(`answers ${ref}${suffix} as the routed app does`, async () => {
        const path = `${base.replace('unemployment', ref)}${suffix}`;
        for (const [label, headers] of [
          ...variants,
          ['revalidated', { 'If-None-Match': await etag(path), 'Cache-Control': 'no-cache' }],
        ] as const) {
          const fast = await answer(path, headers);
          const routed = await answer(`${path}?via=router`, headers);
          expect(fast, `${path} ${label}`).toEqual(routed);
          expect(fast.status, label).toBe(label === 'revalidated' ? 304 : 200);
        }
        expect(await answer(path, {}, 'HEAD')).toEqual(await answer(`${path}?via=router`, {}, 'HEAD'));
      });

  it('leaves what it does not serve to the app: an unknown region or bundle, a malformed ref, a POST', async () => {
    await request(server.url).get('/api/regions/999999/bundles/unemployment/schema').expect(404);
    const missing = await request(server.url).get('/api/regions/320500/bundles/no-such-thing/schema').expect(404);
    expect(missing.body.detail).toBe('320500 没有在用的一件事「no-such-thing」');
    await request(server.url).get('/api/regions/320500/bundles/UNEMPLOYMENT').expect(404);
    await request(server.url).post(`${base}/schema`).send({}).expect(405);
  });

  it('logs and counts its answers as the app does: the path without the query, the route’s pattern', async () => {
    const before = server.logs.length;
    await request(server.url).get(`${base}/schema`).set('X-Request-Id', 'fast-path-1').expect(200);
    await new Promise((r) => setTimeout(r, 20));
    const line = server.logs
      .slice(before)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.requestId === 'fast-path-1');
    expect(line).toMatchObject({ msg: 'request', method: 'GET', path: `${base}/schema`, status: 200 });
    const metrics = (await request(server.url).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(
      /yjs_http_request_duration_seconds_count\{method="GET",route="\/api\/regions\/:region\/bundles\/:ref\/schema",status="2xx"\} \d+/,
    );
  });
});
