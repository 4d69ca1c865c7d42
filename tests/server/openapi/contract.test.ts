/**
 * The OpenAPI document against the real server: each response of a broad set of calls —
 * public and studio, successes and problems — validates against the schema documented for
 * its operation, status and content type.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namedFormats } from '../../../schemas/index.ts';
import { openApiDocument } from '../../../server/openapi/document.ts';
import { binaryBody, startServer, type Client, type TestServer } from '../../support/test-server.ts';

type Json = Record<string, unknown>;
const doc = openApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, Json> }>>; components: Json };
const ajv = new Ajv2020({ strict: false, allErrors: true });
// every named format of ours, as the product's own validators have them
for (const [name, check] of Object.entries(namedFormats())) ajv.addFormat(name, check);
const DOC = 'https://yijianshi.example/openapi.json';
ajv.addSchema({ $id: DOC, components: doc.components });
/** A documented schema whose references point into the document. */
const inDocument = (schema: Json) => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${DOC}#/components/`)) as Json;

let server: TestServer;
let admin: Client;
beforeAll(async () => {
  server = await startServer();
  admin = await server.login('admin');
});
afterAll(() => server.close());

/** The documented response of an operation for a status, resolved through components.responses. */
function documented(path: string, method: string, status: number): { type: string; schema?: Json } | undefined {
  let response = doc.paths[path]?.[method]?.responses[status];
  if (response && typeof response.$ref === 'string') response = (doc.components.responses as Json)[response.$ref.split('/').pop()!] as Json;
  if (!response) return undefined;
  const [type, media] = Object.entries((response.content ?? {}) as Record<string, { schema?: Json }>)[0] ?? ['', {}];
  return { type, schema: media?.schema };
}

const template = (url: string) =>
  url
    .split('?')[0]!
    .replace(/^\/api\/regions\/[^/]+\/bundles\/[^/]+\/commitments\/[^/]+$/, '/api/regions/{region}/bundles/{ref}/commitments/{material}')
    .replace(/^\/api\/regions\/[^/]+\/bundles\/(?!\{)[^/]+/, '/api/regions/{region}/bundles/{ref}')
    .replace(/^\/api\/regions\/[^/]+\/bundles$/, '/api/regions/{region}/bundles')
    .replace(/^\/api\/studio\/users\/[^/]+\/password$/, '/api/studio/users/{username}/password')
    .replace(/^\/api\/studio\/users\/(?!\{)[^/]+$/, '/api/studio/users/{username}')
    .replace(/^\/api\/studio\/documents\/[^/]+\/[^/]+\/releases$/, '/api/studio/documents/{kind}/{id}/releases')
    .replace(/^\/api\/studio\/documents\/[^/]+\/[^/]+\/revisions$/, '/api/studio/documents/{kind}/{id}/revisions')
    .replace(/^\/api\/studio\/documents\/[^/]+\/[^/]+\/cases\/record$/, '/api/studio/documents/{kind}/{id}/cases/record')
    .replace(/^\/api\/studio\/bundles\/[^/]+\/cases$/, '/api/studio/bundles/{id}/cases')
    .replace(/^\/api\/studio\/bundles\/[^/]+\/simulation$/, '/api/studio/bundles/{id}/simulation')
    .replace(/^\/api\/studio\/documents\/[^/]+\/[^/]+$/, '/api/studio/documents/{kind}/{id}')
    .replace(/^\/api\/studio\/documents\/[^/]+$/, '/api/studio/documents/{kind}')
    .replace(/^\/api\/studio\/bundles\/[^/]+\/versions\/preview$/, '/api/studio/bundles/{id}/versions/preview')
    .replace(/^\/api\/studio\/bundles\/[^/]+\/versions\/[^/]+\/state$/, '/api/studio/bundles/{id}/versions/{version}/state')
    .replace(/^\/api\/studio\/bundles\/(?!\{)[^/]+\/versions\/(?!preview$)[^/]+$/, '/api/studio/bundles/{id}/versions/{version}')
    .replace(/^\/api\/studio\/bundles\/[^/]+\/versions$/, '/api/studio/bundles/{id}/versions');

const base = '/api/regions/320500/bundles/unemployment';

describe('responses match the OpenAPI document', () => {
  const checked = new Set<string>();

  async function check(method: 'get' | 'post' | 'put' | 'patch' | 'delete', url: string, res: request.Response) {
    const path = template(url);
    const spec = documented(path, method, res.status);
    expect(spec, `${method.toUpperCase()} ${url} answered ${res.status}, which is not documented`).toBeDefined();
    checked.add(`${method} ${path}`);
    if (!spec!.schema) return;
    expect(String(res.headers['content-type'])).toContain(spec!.type);
    const body = spec!.type.includes('json') ? JSON.parse(res.text) : res.text;
    const validate = ajv.compile(inDocument(spec!.schema));
    expect(validate(body), `${method.toUpperCase()} ${url} ${res.status}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
  }

  it.each([
    '/api/health',
    '/api/ready',
    '/api/regions',
    '/api/calendar',
    '/api/parameters',
    '/api/regions/320500/bundles',
    '/api/regions/999999/bundles',
    base,
    `${base}@1`,
    `${base}@9`,
    `${base}/schema`,
    `${base}/ui-schema`,
    `${base}/guide`,
    `${base}/guide.json`,
    `${base}/commitments/separationCert`,
    `${base}/commitments/photo`,
    `${base}/rules`,
    `${base}/example`,
    `${base}/example?scenario=nope`,
    `${base}/diff?against=base`,
    `${base}/diff?against=x`,
  ])('GET %s', async (url) => {
    await check('get', url, await request(server.url).get(url));
  });

  it('POST validate: valid, invalid, malformed, wrong type', async () => {
    const example = (await request(server.url).get(`${base}/example`)).body;
    const url = `${base}/applications/validate`;
    await check('post', url, await request(server.url).post(url).send(example));
    await check(
      'post',
      url,
      await request(server.url)
        .post(url)
        .send({ ...example, person: {} }),
    );
    await check('post', url, await request(server.url).post(url).set('Content-Type', 'application/json').send('{"x":'));
    await check('post', url, await request(server.url).post(url).set('Content-Type', 'text/plain').send('x'));
  });

  it.each([
    '/api/studio/session',
    '/api/studio/me',
    '/api/studio/users',
    '/api/studio/definitions',
    '/api/studio/documents/matter',
    '/api/studio/documents/widget',
    '/api/studio/documents/matter/JSRS-JY-0101',
    '/api/studio/documents/matter/NOPE',
    '/api/studio/documents/calendar/calendar/releases',
    '/api/studio/bundles/unemployment/versions',
    '/api/studio/bundles/unemployment/versions/1',
    '/api/studio/variants/status',
    '/api/studio/audit?limit=5',
    '/api/studio/audit?before=x',
  ])('studio GET %s', async (url) => {
    await check('get', url, await admin.get(url));
  });

  it('studio writes: create, conflict, stale update, compile, version, release, login', async () => {
    const matter = (await admin.get('/api/studio/documents/matter/JSRS-JY-0101')).body;
    await check('post', '/api/studio/documents/matter', await admin.post('/api/studio/documents/matter', matter.body));
    await check(
      'put',
      '/api/studio/documents/matter/JSRS-JY-0101',
      await admin.put('/api/studio/documents/matter/JSRS-JY-0101', matter.body, '"1"'),
    );
    await check(
      'put',
      '/api/studio/documents/matter/JSRS-JY-0101',
      await admin.put('/api/studio/documents/matter/JSRS-JY-0101', matter.body, '"1"'),
    );
    await check(
      'put',
      '/api/studio/documents/matter/JSRS-JY-0101',
      await admin.put('/api/studio/documents/matter/JSRS-JY-0101', matter.body),
    );
    const draft = (await admin.get('/api/studio/documents/bundle/unemployment')).body;
    const bundle = { ...draft.body, description: '失业一件事（修订）' };
    await admin.put('/api/studio/documents/bundle/unemployment', bundle, `"${draft.rev}"`).expect(200);
    await check('post', '/api/studio/compile', await admin.post('/api/studio/compile', { bundle }));
    await check(
      'post',
      '/api/studio/impact',
      await admin.post('/api/studio/impact', { kind: 'matter', id: matter.body.code, body: matter.body }),
    );
    await check('post', '/api/studio/impact', await admin.post('/api/studio/impact', { kind: 'matter', id: 'other', body: matter.body }));
    await check('get', '/api/studio/reductions', await admin.get('/api/studio/reductions'));
    await check('get', '/api/studio/reductions.csv', await admin.get('/api/studio/reductions.csv'));
    // a workbook is binary: its documented status and media type, not a schema over text
    const xlsx = await admin.get('/api/studio/reductions.xlsx');
    expect(String(xlsx.headers['content-type'])).toBe(documented('/api/studio/reductions.xlsx', 'get', xlsx.status)!.type);
    checked.add('get /api/studio/reductions.xlsx');
    const catalog = await binaryBody(admin.get('/api/studio/catalog/matters.xlsx'));
    expect(String(catalog.headers['content-type'])).toBe(documented('/api/studio/catalog/matters.xlsx', 'get', catalog.status)!.type);
    checked.add('get /api/studio/catalog/matters.xlsx');
    const xlsxType = documented('/api/studio/catalog/matters.xlsx', 'get', 200)!.type;
    for (const body of [catalog.body as Buffer, Buffer.from('not a workbook')])
      await check(
        'post',
        '/api/studio/catalog/matters.xlsx?dryRun=1',
        await admin.post('/api/studio/catalog/matters.xlsx?dryRun=1', body).set('Content-Type', xlsxType),
      );
    await check('post', '/api/studio/catalog/matters.xlsx', await admin.post('/api/studio/catalog/matters.xlsx', { not: 'a workbook' }));
    await check(
      'get',
      '/api/studio/documents/matter/JSRS-JY-0101/revisions',
      await admin.get('/api/studio/documents/matter/JSRS-JY-0101/revisions'),
    );
    await check(
      'get',
      '/api/studio/documents/matter/NONE-0001/revisions',
      await admin.get('/api/studio/documents/matter/NONE-0001/revisions'),
    );
    await check('get', '/api/studio/bundles/unemployment/simulation', await admin.get('/api/studio/bundles/unemployment/simulation'));
    await check('get', '/api/studio/bundles/nothing/simulation', await admin.get('/api/studio/bundles/nothing/simulation'));
    await check('get', '/api/studio/bundles/unemployment/cases', await admin.get('/api/studio/bundles/unemployment/cases'));
    const record = (body: unknown, rev: string) =>
      admin.post('/api/studio/documents/bundle/unemployment/cases/record', body).set('If-Match', rev);
    await check(
      'post',
      '/api/studio/documents/bundle/unemployment/cases/record',
      await record({ cases: ['all-matters'] }, `"${draft.rev + 1}"`),
    );
    await check('post', '/api/studio/documents/bundle/unemployment/cases/record', await record({ cases: ['all-matters'] }, '"1"'));
    await check('post', '/api/studio/documents/bundle/unemployment/cases/record', await record({ cases: ['nobody'] }, '"1"'));
    await check(
      'post',
      '/api/studio/bundles/unemployment/versions/preview',
      await admin.post('/api/studio/bundles/unemployment/versions/preview', { state: 'trial' }),
    );
    await check(
      'post',
      '/api/studio/bundles/unemployment/versions',
      await admin.post('/api/studio/bundles/unemployment/versions', { state: 'trial', pilotRegions: ['320500'] }),
    );
    await check(
      'post',
      '/api/studio/bundles/unemployment/versions/2/state',
      await admin.post('/api/studio/bundles/unemployment/versions/2/state', { state: 'published' }),
    );
    await check(
      'post',
      '/api/studio/bundles/unemployment/versions/2/state',
      await admin.post('/api/studio/bundles/unemployment/versions/2/state', { state: 'trial' }),
    );
    await check(
      'post',
      '/api/studio/documents/calendar/calendar/releases',
      await admin.post('/api/studio/documents/calendar/calendar/releases'),
    );
    await check(
      'post',
      '/api/studio/users',
      await admin.post('/api/studio/users', { username: 'x', password: 'short', role: 'king', region: '1' }),
    );
    await check(
      'post',
      '/api/studio/login',
      await request(server.url).post('/api/studio/login').send({ username: 'admin', password: 'wrong-password' }),
    );
    await check('get', '/api/studio/me', await request(server.url).get('/api/studio/me'));
  });

  it('accounts: own password, update, reset, delete', async () => {
    await check(
      'post',
      '/api/studio/me/password',
      await admin.post('/api/studio/me/password', { current: 'wrong', next: 'Kx7-yellow-river-2026' }),
    );
    await check(
      'post',
      '/api/studio/users',
      await admin.post('/api/studio/users', { username: 'contract', password: 'Kx7-yellow-river-2026', role: 'viewer', region: '320000' }),
    );
    await check('patch', '/api/studio/users/contract', await admin.patch('/api/studio/users/contract', { disabled: true }));
    await check('patch', '/api/studio/users/nobody', await admin.patch('/api/studio/users/nobody', { disabled: true }));
    await check(
      'post',
      '/api/studio/users/contract/password',
      await admin.post('/api/studio/users/contract/password', { password: 'short' }),
    );
    await check('delete', '/api/studio/users/contract', await admin.delete('/api/studio/users/contract'));
    await check('delete', '/api/studio/users/admin', await admin.delete('/api/studio/users/admin'));
  });

  it('covered every operation that answers JSON', () => {
    const all = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
    const left = all.filter(
      (o) =>
        !checked.has(o) &&
        !['get /api/openapi.json', 'post /api/studio/logout', 'post /api/studio/documents/{kind}/{id}/releases'].includes(o),
    );
    expect(left).toEqual([]);
  });
});
