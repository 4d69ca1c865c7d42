import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Client, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
const clients: Record<string, Client> = {};

beforeAll(async () => {
  server = await startServer();
  for (const name of ['admin', 'suzhou', 'nanjing', 'viewer']) clients[name] = await server.login(name);
  clients.anonymous = server.anonymous();
});
afterAll(() => server.close());

const suzhouMatter = {
  code: 'SZRS-JY-0199',
  region: '320500',
  name: '苏州测试事项',
  kind: '20',
  target: 'individual',
  department: '苏州市公共就业服务机构',
  legalDays: 5,
  promisedDays: 1,
  visits: 0,
  fields: [{ ref: 'person.name', required: true }],
  materials: [],
};
const suzhouVariant = {
  id: 'suzhou-retirement',
  bundle: 'retirement',
  baseVersion: 1,
  region: '320500',
  operations: [{ op: 'addNote', text: '苏州说明' }],
};
const nanjingVariantEdit = async () => (await clients.admin!.get('/api/studio/documents/variant/nanjing-retirement')).body;

type Call = (c: Client) => Promise<{ status: number }>;
const get =
  (path: string): Call =>
  (c) =>
    c.get(path);

/** Every studio route, and the status each role gets (anonymous: always 401). */
const matrix: [string, Call, { admin: number; suzhou: number; nanjing: number; viewer: number }][] = [
  ['GET /me', get('/api/studio/me'), { admin: 200, suzhou: 200, nanjing: 200, viewer: 200 }],
  ['GET /users', get('/api/studio/users'), { admin: 200, suzhou: 403, nanjing: 403, viewer: 403 }],
  [
    'POST /users',
    (c) =>
      c.post('/api/studio/users', {
        username: `u${Math.random().toString(36).slice(2, 8)}`,
        password: 'long-enough-pw',
        role: 'viewer',
        region: '320000',
      }),
    { admin: 201, suzhou: 403, nanjing: 403, viewer: 403 },
  ],
  ['GET /definitions', get('/api/studio/definitions'), { admin: 200, suzhou: 200, nanjing: 200, viewer: 200 }],
  ['GET /documents/matter', get('/api/studio/documents/matter'), { admin: 200, suzhou: 200, nanjing: 200, viewer: 200 }],
  [
    'GET /documents/matter/:id (provincial)',
    get('/api/studio/documents/matter/JSRS-JY-0101'),
    { admin: 200, suzhou: 200, nanjing: 200, viewer: 200 },
  ],
  [
    'GET /documents/matter/:id (Suzhou-local)',
    get('/api/studio/documents/matter/SZRS-JY-0101'),
    { admin: 200, suzhou: 200, nanjing: 403, viewer: 403 },
  ],
  [
    'GET /documents/variant/:id (Suzhou)',
    get('/api/studio/documents/variant/suzhou-unemployment'),
    { admin: 200, suzhou: 200, nanjing: 403, viewer: 403 },
  ],
  [
    'GET /documents/variant/:id (Nanjing)',
    get('/api/studio/documents/variant/nanjing-retirement'),
    { admin: 200, suzhou: 403, nanjing: 200, viewer: 403 },
  ],
  [
    'POST /documents/matter (Suzhou-local)',
    (c) => c.post('/api/studio/documents/matter', { ...suzhouMatter, code: `SZRS-JY-${String(Math.floor(Math.random() * 9000) + 1000)}` }),
    { admin: 201, suzhou: 201, nanjing: 403, viewer: 403 },
  ],
  [
    'POST /documents/matter (provincial)',
    (c) =>
      c.post('/api/studio/documents/matter', {
        ...suzhouMatter,
        region: undefined,
        code: `JSRS-JY-${String(Math.floor(Math.random() * 9000) + 1000)}`,
      }),
    { admin: 201, suzhou: 403, nanjing: 403, viewer: 403 },
  ],
  [
    'POST /documents/variant (Suzhou)',
    (c) => c.post('/api/studio/documents/variant', { ...suzhouVariant, id: `suzhou-retirement-${Math.random().toString(36).slice(2, 8)}` }),
    { admin: 201, suzhou: 201, nanjing: 403, viewer: 403 },
  ],
  [
    'PUT /documents/variant/:id (Nanjing)',
    async (c) => {
      const current = await nanjingVariantEdit();
      return c.put('/api/studio/documents/variant/nanjing-retirement', current.body, `"${current.rev}"`);
    },
    { admin: 200, suzhou: 403, nanjing: 200, viewer: 403 },
  ],
  [
    "PUT /documents/variant/:id (moving Nanjing's variant to Suzhou)",
    async (c) => {
      const current = await nanjingVariantEdit();
      return c.put('/api/studio/documents/variant/nanjing-retirement', { ...current.body, region: '320500' }, `"${current.rev}"`);
    },
    { admin: 200, suzhou: 403, nanjing: 403, viewer: 403 },
  ],
  [
    'PUT /documents/bundle/:id',
    async (c) => {
      const current = (await clients.admin!.get('/api/studio/documents/bundle/graduation')).body;
      return c.put('/api/studio/documents/bundle/graduation', current.body, `"${current.rev}"`);
    },
    { admin: 200, suzhou: 403, nanjing: 403, viewer: 403 },
  ],
  [
    'PUT /documents/dictionary/dictionary',
    async (c) => {
      const current = (await clients.admin!.get('/api/studio/documents/dictionary/dictionary')).body;
      return c.put('/api/studio/documents/dictionary/dictionary', current.body, `"${current.rev}"`);
    },
    { admin: 200, suzhou: 403, nanjing: 403, viewer: 403 },
  ],
  [
    'POST /compile (own region)',
    (c) => c.post('/api/studio/compile', { variant: suzhouVariant, region: '320500' }),
    { admin: 200, suzhou: 200, nanjing: 403, viewer: 403 },
  ],
  ['GET /bundles/:id/versions', get('/api/studio/bundles/unemployment/versions'), { admin: 200, suzhou: 200, nanjing: 200, viewer: 200 }],
  [
    'POST /bundles/:id/versions (nothing changed since version 1)',
    (c) => c.post('/api/studio/bundles/separation/versions', { state: 'trial', pilotRegions: ['320500'] }),
    { admin: 409, suzhou: 403, nanjing: 403, viewer: 403 },
  ],
  [
    'POST /bundles/:id/versions/:v/state',
    (c) => c.post('/api/studio/bundles/graduation/versions/1/state', { state: 'published' }),
    { admin: 409, suzhou: 403, nanjing: 403, viewer: 403 },
  ],
  ['GET /audit', get('/api/studio/audit'), { admin: 200, suzhou: 403, nanjing: 403, viewer: 403 }],
  [
    'GET /documents/calendar/calendar/releases',
    get('/api/studio/documents/calendar/calendar/releases'),
    { admin: 200, suzhou: 200, nanjing: 200, viewer: 200 },
  ],
  [
    'POST /documents/calendar/calendar/releases (nothing new to publish)',
    (c) => c.post('/api/studio/documents/calendar/calendar/releases'),
    { admin: 409, suzhou: 403, nanjing: 403, viewer: 403 },
  ],
  ['POST /logout', (c) => c.post('/api/studio/logout-check-only'), { admin: 404, suzhou: 404, nanjing: 404, viewer: 404 }],
];

describe('authorization before any work', () => {
  it('refuses a write the role may never make before reading the body: no validation, no pattern check for a viewer', async () => {
    // a body that is not a dictionary at all: were it validated first, the answer would be 422
    for (const [role, path] of [
      ['viewer', '/api/studio/documents/dictionary/dictionary'],
      ['suzhou', '/api/studio/documents/dictionary/dictionary'],
      ['viewer', '/api/studio/documents/matter/JSRS-SY-0101'],
    ] as const) {
      const res = await clients[role]!.put(path, { fields: 'not a document' }, '"1"');
      expect(res.status, `${role} ${path}`).toBe(403);
    }
    const created = await clients.viewer!.post('/api/studio/documents/matter', { code: 'X', fields: 7 });
    expect(created.status).toBe(403);
  });
});

describe('authorization matrix', () => {
  it('lists only the documents a city editor may see', async () => {
    const nanjing = (await clients.nanjing!.get('/api/studio/documents/variant')).body as { region: string }[];
    expect(nanjing.map((d) => [d.region, (d as unknown as { id: string }).id])).toEqual([['320100', 'nanjing-retirement']]);
    const matters = (await clients.nanjing!.get('/api/studio/documents/matter')).body as { id: string }[];
    expect(matters.some((m) => m.id === 'SZRS-JY-0101')).toBe(false);
    const all = (await clients.nanjing!.get('/api/studio/definitions')).body as { documents: { id: string; region: string | null }[] };
    expect(all.documents.some((d) => d.id === 'SZRS-JY-0101' || d.id === 'suzhou-unemployment')).toBe(false);
  });
  it.each(
    matrix.flatMap(([name, call, expected]) =>
      (['viewer', 'nanjing', 'suzhou', 'admin'] as const).map((role) => [name, role, call, expected[role]] as const),
    ),
  )('%s as %s → %i', async (_name, role, call, status) => {
    const res = await call(clients[role]!);
    expect(res.status).toBe(status);
  });

  it.each(matrix.map(([name, call]) => [name, call] as const))('%s without login → 401', async (_name, call) => {
    expect((await call(clients.anonymous!)).status).toBe(401);
  });
});
