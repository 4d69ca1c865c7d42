import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The image and the compose file as a province deploys them (this machine has no Docker daemon
 * to build them): what they rely on is held here, so that a change that breaks them fails a test.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const dockerfile = read('Dockerfile');
const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** The packages the running server imports (its build tools in server/cli aside). */
function runtimeImports(): Set<string> {
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (path !== 'server/cli') walk(path);
      } else if (entry.name.endsWith('.ts')) {
        // static imports, and the packages loaded on first use (import('…'), createRequire(…)('…'))
        for (const m of read(path).matchAll(/(?:from |import\(|require\(import\.meta\.url\)\()'([^.'][^']*)'/g)) {
          const name = m[1]!;
          if (name.startsWith('node:')) continue;
          out.add(name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!);
        }
      }
    }
  };
  walk('server');
  walk('schemas');
  return out;
}

describe('deployment', () => {
  it('builds in stages on Node 24 and runs the server as an unprivileged user, checked by readiness', () => {
    const stages = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]!);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const image of stages) expect(image).toMatch(/^node:24\b/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toContain('/api/ready');
    expect(dockerfile).toMatch(/^CMD \["node", "server\/main\.ts"\]$/m);
    for (const m of dockerfile.matchAll(/^COPY --from=build \S+ \/app\/(\S+)/gm))
      if (m[1] !== 'node_modules' && !m[1]!.startsWith('dist')) expect(existsSync(join(ROOT, m[1]!)), m[1]).toBe(true);
  });

  it('installs every package the running server imports as a production dependency (the image prunes the rest)', () => {
    const missing = [...runtimeImports()].filter((name) => !(name in pkg.dependencies));
    expect(missing).toEqual([]);
  });

  it('ships no second Node: the npm package `node` (Node 24 for `npm start` on an older system) is a development dependency', () => {
    expect(pkg.dependencies).not.toHaveProperty('node');
    expect(pkg.devDependencies).toHaveProperty('node');
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
  });

  it('runs two instances on one PostgreSQL in compose, each with the database and its own port', () => {
    const compose = read('compose.yaml');
    // a minor version pinned: an image pulled next year is the one tested
    expect(compose).toMatch(/^ {4}image: postgres:15\.\d+$/m);
    // the instances share the validator key and the metrics token, and neither may be left out
    expect(compose).toMatch(/VALIDATOR_KEY: \$\{VALIDATOR_KEY:\?[^}]+\}/);
    expect(compose).toMatch(/METRICS_TOKEN: \$\{METRICS_TOKEN:\?[^}]+\}/);
    expect(compose).toContain('DATABASE_URL: postgres://');
    expect([...compose.matchAll(/^ {2}(app\d):\n {4}<<: \*app/gm)].map((m) => m[1])).toEqual(['app1', 'app2']);
    expect(compose).toContain('condition: service_healthy');
  });
});
