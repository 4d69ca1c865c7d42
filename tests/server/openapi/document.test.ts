import { describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { loadRegions } from '../../../server/catalog/shipped.ts';
import { loadConfig } from '../../../server/config.ts';
import { createLogger } from '../../../server/http/logger.ts';
import { openApiDocument } from '../../../server/openapi/document.ts';
import { Runtime } from '../../../server/runtime/runtime.ts';
import { Metrics } from '../../../server/http/metrics.ts';
import { SqliteStore } from '../../../server/store/sqlite-store.ts';
import { DraftDefinitions } from '../../../server/store/drafts.ts';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  matchers?: ((path: string) => unknown)[];
}

/** Every (method, path) the app routes, with mount prefixes, in OpenAPI's {param} form. */
function routes(): string[] {
  const store = new SqliteStore(':memory:');
  const app = createApp({
    config: loadConfig({}),
    store,
    runtime: new Runtime(store),
    drafts: new DraftDefinitions(store),
    regions: loadRegions(),
    metrics: new Metrics(),
    health: { draining: false },
    logger: createLogger('error', () => {}),
  });
  const out: string[] = [];
  const prefixes = ['/api', '/api/studio'];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods))
          out.push(`${method.toUpperCase()} ${(prefix + layer.route.path).replace(/:(\w+)/g, '{$1}')}`);
      } else if (layer.handle?.stack) {
        // routers are mounted at /api or /api/studio: find which one matches a probe path
        const mount = prefixes.find((p) => layer.matchers?.[0]?.(p + '/x')) ?? '';
        walk(layer.handle.stack, mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return out.filter((r) => r.includes(' /api/'));
}

describe('OpenAPI', () => {
  const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, unknown>> };

  it('is OpenAPI 3.1', () => {
    expect(doc.openapi).toBe('3.1.0');
  });

  it('describes every route the app serves', () => {
    const served = routes();
    expect(served.length).toBeGreaterThan(15);
    const missing = served.filter((r) => {
      const [method, path] = r.split(' ');
      return !doc.paths[path!]?.[method!.toLowerCase()];
    });
    expect(missing).toEqual([]);
  });

  it('describes no route the app does not serve', () => {
    const served = new Set(routes());
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.filter((d) => !served.has(d))).toEqual([]);
  });

  it('is self-contained: every $ref points into the document and resolves', () => {
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object')
        for (const [k, v] of Object.entries(node)) {
          if (k === '$ref' && typeof v === 'string') refs.push(v);
          else walk(v);
        }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(100);
    const resolve = (ref: string) =>
      ref
        .slice(2)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce<unknown>((n, key) => (n as Record<string, unknown> | undefined)?.[key], doc);
    expect(refs.filter((r) => !r.startsWith('#/'))).toEqual([]);
    expect(refs.filter((r) => resolve(r) === undefined)).toEqual([]);
  });

  it('gives every operation an id, a tag, its security and its problems', () => {
    const ops = Object.values(doc.paths).flatMap(
      (p) => Object.values(p) as { operationId: string; tags: string[]; security: unknown[]; responses: Record<string, unknown> }[],
    );
    expect(new Set(ops.map((o) => o.operationId)).size).toBe(ops.length);
    for (const o of ops) {
      expect(o.tags, o.operationId).toHaveLength(1);
      expect(Array.isArray(o.security), o.operationId).toBe(true);
    }
    const validate = (doc.paths['/api/regions/{region}/bundles/{ref}/applications/validate'] as Record<string, (typeof ops)[number]>).post!;
    expect(validate.security).toEqual([]);
    expect(Object.keys(validate.responses).sort()).toEqual(['200', '400', '404', '410', '413', '415', '422', '429', '503']);
  });
});
