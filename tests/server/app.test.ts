import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/test-server.ts';
import { runs } from '../support/runs.ts';

let server: TestServer;
const examples: { path: string; body: Record<string, unknown> }[] = [];
let studioCookie = '';
let csrf = '';

beforeAll(async () => {
  // thousands of requests from one address: the per-client limit has its own test
  server = await startServer({ RATE_LIMIT_POST: '0' });
  const bundles = (await (await fetch(`${server.url}/api/regions/320500/bundles`)).json()) as { id: string; scenarios: { id: string }[] }[];
  for (const b of bundles)
    for (const s of b.scenarios) {
      const body = (await (await fetch(`${server.url}/api/regions/320500/bundles/${b.id}/example?scenario=${s.id}`)).json()) as Record<
        string,
        unknown
      >;
      examples.push({ path: `/api/regions/320500/bundles/${b.id}/applications/validate`, body });
    }
  const admin = await server.login('admin');
  studioCookie = admin.cookie;
  csrf = admin.csrf;
}, 60_000);
afterAll(() => server.close());

/** A mutation of a valid application: the kinds of mistake clients and attackers make. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constant('add' as const), key: fc.string({ maxLength: 12 }), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({
    kind: fc.constant('matters' as const),
    value: fc.array(fc.oneof(fc.string({ maxLength: 16 }), fc.integer()), { maxLength: 6 }),
  }),
);

function mutate(app: Record<string, unknown>, m: { kind: string; pick?: number; key?: string; value?: unknown }): unknown {
  const copy = JSON.parse(JSON.stringify(app)) as Record<string, unknown>;
  const paths: [Record<string, unknown>, string][] = [];
  for (const [k, v] of Object.entries(copy)) {
    paths.push([copy, k]);
    if (v && typeof v === 'object' && !Array.isArray(v))
      for (const inner of Object.keys(v)) paths.push([v as Record<string, unknown>, inner]);
  }
  const [owner, key] = paths[(m.pick ?? 0) % paths.length]!;
  if (m.kind === 'delete') delete owner[key];
  if (m.kind === 'replace') owner[key] = m.value;
  if (m.kind === 'add') copy[m.key!] = m.value;
  if (m.kind === 'matters') copy.matters = m.value;
  return copy;
}

/** A request: a mutated application, a random JSON body, raw bytes, or a studio body. */
const requestArb = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.nat(), mutation).map(([i, m]) => ({ kind: 'mutated' as const, i, m })) },
  { weight: 2, arbitrary: fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 3 })).map(([i, body]) => ({ kind: 'json' as const, i, body })) },
  { weight: 2, arbitrary: fc.tuple(fc.nat(), fc.string({ maxLength: 200 })).map(([i, raw]) => ({ kind: 'raw' as const, i, raw })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('matter', 'bundle', 'variant', 'calendar'), fc.jsonValue({ maxDepth: 3 }))
      .map(([docKind, body]) => ({ kind: 'studio' as const, docKind, body })),
  },
);

describe('fuzz', () => {
  const count = runs(10_000);
  it(`survives ${count} malformed and mutated requests (10,000 in CI): no 5xx, valid applications still pass`, async () => {
    const samples = fc.sample(requestArb, { numRuns: count, seed: Date.now() % 1_000_000 });
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < samples.length) {
        const r = samples[next++]!;
        let res: Response;
        if (r.kind === 'studio') {
          res = await fetch(`${server.url}/api/studio/documents/${r.docKind}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: studioCookie, 'x-csrf-token': csrf },
            body: JSON.stringify(r.body),
          });
        } else {
          const target = examples[r.i % examples.length]!;
          const body = r.kind === 'mutated' ? JSON.stringify(mutate(target.body, r.m)) : r.kind === 'json' ? JSON.stringify(r.body) : r.raw;
          res = await fetch(server.url + target.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        }
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, `request ${JSON.stringify(r).slice(0, 300)}`).toBeLessThan(500);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(count);
    expect(statuses.get(422) ?? 0).toBeGreaterThan(count / 10);
    for (const e of examples) {
      const res = await fetch(server.url + e.path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(e.body),
      });
      expect(res.status).toBe(200);
    }
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  }, 180_000);
});
