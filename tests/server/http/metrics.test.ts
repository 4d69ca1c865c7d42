import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../support/test-server.ts';

/** `/metrics` for Prometheus: what was asked, how it went, how long it took — never whose data. */
let server: TestServer;
let guarded: TestServer;
beforeAll(async () => {
  [server, guarded] = await Promise.all([startServer(), startServer({ METRICS_TOKEN: 'scrape-secret-2026' })]);
});
afterAll(async () => {
  await Promise.all([server.close(), guarded.close()]);
});

const base = '/api/regions/320000/bundles';
const sample = (text: string, name: string) =>
  Number(new RegExp(`^${name.replace(/[{}"]/g, (c) => `\\${c}`)} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);

describe('metrics', () => {
  it('counts validations by outcome, requests by route pattern, and 304s as cache hits', async () => {
    const example = (await request(server.url).get(`${base}/unemployment/example`).expect(200)).body as Record<string, unknown>;
    await request(server.url).post(`${base}/unemployment/applications/validate`).send(example).expect(200);
    await request(server.url)
      .post(`${base}/unemployment/applications/validate`)
      .send({ ...example, person: {} })
      .expect(422);
    const first = await request(server.url).get(`${base}/unemployment/schema`).expect(200);
    await request(server.url)
      .get(`${base}/unemployment/schema`)
      .set('If-None-Match', first.headers.etag as string)
      .expect(304);
    const text = (
      await request(server.url)
        .get('/metrics')
        .expect(200)
        .expect('Content-Type', /text\/plain/)
    ).text;
    expect(sample(text, 'yjs_validations_total{outcome="valid"}')).toBe(1);
    expect(sample(text, 'yjs_validations_total{outcome="invalid"}')).toBe(1);
    expect(sample(text, 'yjs_cached_responses_total{result="hit"}')).toBeGreaterThanOrEqual(1);
    expect(text).toContain('route="/api/regions/:region/bundles/:ref/applications/validate"');
    // concrete paths and values never become labels
    expect(text).not.toContain('unemployment');
    expect(text).toMatch(/^yjs_process_cpu_user_seconds_total /m);
  });

  it('counts publishes', async () => {
    const admin = await server.login('admin');
    const doc = (await admin.get('/api/studio/documents/bundle/death').expect(200)).body as { rev: number; body: object };
    await admin.put('/api/studio/documents/bundle/death', { ...doc.body, name: '去世一件事（计数）' }, `"${doc.rev}"`).expect(200);
    await admin.post('/api/studio/bundles/death/versions', { state: 'published' }).expect(201);
    const text = (await request(server.url).get('/metrics').expect(200)).text;
    expect(sample(text, 'yjs_publishes_total{kind="bundle-published"}')).toBe(1);
  });

  it('answers a scrape only with the token when METRICS_TOKEN is set', async () => {
    const refused = await request(guarded.url).get('/metrics').expect(401);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    await request(guarded.url).get('/metrics').set('Authorization', 'Bearer wrong-secret-2026').expect(401);
    await request(guarded.url).get('/metrics').set('Authorization', 'Bearer scrape-secret-2026').expect(200);
  });
});
