import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileBundle, createAjv, exampleApplication, withValue } from '../../../schemas/index.ts';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';
import { compileWithCode, loadValidator, macOf } from '../../../server/runtime/validator-code.ts';
import { seededDataDir, spawnServer, stopServer } from '../../support/spawn-server.ts';

/**
 * Precompiled validators: the stored code decides exactly as the compiled schema does, code
 * that was not signed with the key is never run, and an instance started on a store that has
 * them loads them instead of compiling.
 */
const defs = loadDefinitions();
const KEY = 'k'.repeat(64);

describe('precompiled validators', () => {
  it.each(['unemployment', 'retirement', 'separation'])('%s: the stored code finds the same errors as a compiled validator', (id) => {
    const compiled = compileBundle(defs, id, '320500');
    const { stored } = compileWithCode(compiled.schema, KEY);
    const loaded = loadValidator(stored, KEY)!;
    const reference = createAjv().compile(compiled.schema);
    const example = exampleApplication(compiled);
    const broken = [
      example,
      withValue(example, 'matters', ['nope']),
      withValue(example, 'person', { idNumber: '12345', name: '' }),
      withValue(example, 'employees', [{ person: { idNumber: '320102198506151234' } }]),
      { ...example, extra: 1 },
    ];
    for (const app of broken) {
      expect(loaded(app)).toBe(reference(app));
      const shape = (errors: typeof reference.errors) =>
        (errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`);
      expect(shape(loaded.errors)).toEqual(shape(reference.errors));
    }
  });

  it('never runs code that was not signed with the key', () => {
    const { stored } = compileWithCode(compileBundle(defs, 'death', '320000').schema, KEY);
    const g = globalThis as { tampered?: boolean };
    const tampered = { code: `globalThis.tampered = true;${stored.code}`, mac: stored.mac };
    expect(loadValidator(tampered, KEY)).toBeNull();
    expect(loadValidator(stored, 'x'.repeat(64))).toBeNull();
    expect(g.tampered).toBeUndefined();
  });

  const dataDir = seededDataDir('yjs-precompiled-');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const metric = async (url: string, source: string) =>
    Number(
      new RegExp(`^yjs_validators_total\\{source="${source}"\\} (\\d+)$`, 'm').exec(await (await fetch(`${url}/metrics`)).text())?.[1] ?? 0,
    );

  /** Validates 失业一件事's example in 苏州 through the public runtime. */
  const validateExample = async (url: string) => {
    const path = '/api/regions/320500/bundles/unemployment';
    const body = await (await fetch(`${url}${path}/example`)).text();
    const res = await fetch(`${url}${path}/applications/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(200);
  };

  it('never runs stored code on the strength of the data directory alone: no key is kept there or taken from there', async () => {
    const dir = seededDataDir('yjs-no-key-');
    try {
      const env = { DATA_DIR: dir, ADMIN_PASSWORD: 'precompiled-2026', LOG_LEVEL: 'error', PASSWORD_COST: '14' };
      const first = await spawnServer(env);
      await validateExample(first.url);
      await stopServer(first);
      expect(existsSync(join(dir, 'validator.key'))).toBe(false);
      // whoever can write the data directory writes a key file, and code signed with it into the database
      const key = 'a'.repeat(64);
      writeFileSync(join(dir, 'validator.key'), key);
      const proof = join(dir, 'ran.txt');
      const code = `process.getBuiltinModule('fs').writeFileSync(${JSON.stringify(proof)}, 'ran');${compileWithCode({ type: 'object' }, key).stored.code}`;
      const db = new DatabaseSync(join(dir, 'yijianshi.db'));
      const rows = db.prepare('UPDATE artifacts SET validator = ?, validator_mac = ?').run(code, macOf(code, key));
      db.close();
      expect(Number(rows.changes)).toBeGreaterThan(0);
      const second = await spawnServer(env);
      await validateExample(second.url);
      expect(await metric(second.url, 'precompiled')).toBe(0);
      expect(await metric(second.url, 'compiled')).toBe(1);
      await stopServer(second);
      expect(existsSync(proof)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads, after a restart, the validator compiled before it instead of compiling again (with VALIDATOR_KEY, kept outside the data)', async () => {
    const env = { DATA_DIR: dataDir, ADMIN_PASSWORD: 'precompiled-2026', LOG_LEVEL: 'error', PASSWORD_COST: '14', VALIDATOR_KEY: KEY };
    const validate = validateExample;
    const first = await spawnServer(env);
    await validate(first.url);
    expect(await metric(first.url, 'compiled')).toBe(1);
    await new Promise((r) => setTimeout(r, 300)); // the write-back
    await stopServer(first);
    const second = await spawnServer(env);
    await validate(second.url);
    expect(await metric(second.url, 'precompiled')).toBe(1);
    expect(await metric(second.url, 'compiled')).toBe(0);
    await stopServer(second);
  });
});
