/**
 * A throwaway PostgreSQL cluster for tests: Debian's `postgresql` binaries, `initdb` on a
 * temporary directory and `pg_ctl` on a free port of 127.0.0.1, as the unprivileged
 * `postgres` user when the tests run as root (PostgreSQL refuses to run as root). Stopped
 * and removed by `stop`.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running cluster: `url` reaches its `postgres` database as the superuser. */
export interface PgCluster {
  url: string;
  stop(): void;
}

/** The newest installed PostgreSQL's binaries (`/usr/lib/postgresql/<n>/bin`), or an explanation. */
export function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
  if (versions.length === 0) throw new Error('未找到 PostgreSQL：请先安装 Debian 的 postgresql 软件包（apt-get install -y postgresql）');
  return join(root, versions.sort((a, b) => Number(b) - Number(a))[0]!, 'bin');
}

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

/** Starts a cluster; `stop()` ends it and removes its files. */
export async function startCluster(): Promise<PgCluster> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'yjs-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  // as root, everything runs as `postgres`, which must be able to reach and own the directory
  if (asRoot) {
    chmodSync(dir, 0o755);
    execFileSync('chown', ['postgres:postgres', dir]);
  }
  const run = (tool: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, tool), args, { stdio: 'pipe' });
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=300 -c fsync=on -c shared_buffers=64MB`;
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
