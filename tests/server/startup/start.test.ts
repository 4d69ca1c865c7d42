/**
 * Start-up: seeding is all or nothing (a full disk leaves an empty store that seeds fully
 * once space is freed), and a data directory that cannot be used stops the server with one
 * clear line naming it and the cause — no stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.ts';
import { createLogger } from '../../../server/http/logger.ts';
import { startUp } from '../../../server/startup/start.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'yjs-start-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('start-up', () => {
  it('seeds all or nothing: a full disk stops the first start cleanly, and the next start seeds everything', async () => {
    const dataDir = tempDir();
    const config = loadConfig({ DATA_DIR: dataDir, ADMIN_PASSWORD: 'correct-horse-battery' });
    const logger = createLogger('error', () => {});
    // SQLite's page limit makes the disk "full" part way through seeding
    await expect(startUp(config, logger, { maxPageCount: 400 })).rejects.toThrow(/磁盘空间不足.*未写入任何内容/);
    const { context, seed } = await startUp(config, logger);
    expect(seed.seeded).toBe(true);
    expect((await context.store.listVersions()).filter((v) => v.version === 1)).toHaveLength(14);
    expect(await context.store.getUser('admin')).toMatchObject({ role: 'admin' });
    expect(await context.store.latestRelease('calendar', 'calendar')).toMatchObject({ release: 1 });
    await context.store.close();
  });

  it.each([
    [
      'a file, not a directory',
      () => {
        const file = join(tempDir(), 'not-a-dir');
        writeFileSync(file, 'x');
        return file;
      },
      /不是目录/,
    ],
    ['a directory that cannot be created', () => '/sys/yjs-data', /无法创建数据目录 \/sys\/yjs-data/],
    ['a read-only directory', () => '/proc/1', /数据目录 \/proc\/1 不可写/],
  ])('refuses a data directory that is %s with one line and a non-zero exit', (_name, dir, message) => {
    const run = spawnSync(process.execPath, [join(import.meta.dirname, '..', '..', '..', 'server', 'main.ts')], {
      env: { ...process.env, DATA_DIR: dir(), PORT: '0', ADMIN_PASSWORD: 'correct-horse-battery' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(run.stderr).not.toMatch(/\bat \S+ \(|node:internal/);
  });
});
