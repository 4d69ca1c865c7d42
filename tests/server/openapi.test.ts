import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadRegions } from '../../server/catalog/shipped.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/http/logger.ts';
import { openApiDocument } from '../../server/openapi.ts';
import { Runtime } from '../../server/runtime/runtime.ts';
import { SqliteStore } from '../../server/store/sqlite-store.ts';
import { DraftDefinitions } from '../../server/studio-api/drafts.ts';
import { createAjv } from '../../schemas/index.ts';

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

  it('references the document schemas, which are valid JSON Schema', () => {
    const ajv = createAjv();
    for (const [name, schema] of Object.entries(
      (doc as unknown as { components: { schemas: Record<string, { $ref?: string }> } }).components.schemas,
    )) {
      if (schema.$ref) expect(schema.$ref, name).toMatch(/^https:\/\/yijianshi\.example\/schemas\//);
    }
    expect(ajv.validateSchema({ type: 'object' })).toBe(true);
  });
});
