/**
 * The product's server (`server/main.ts`) as its own process on an ephemeral 127.0.0.1 port,
 * for tests that need a real process: crash safety, browser end-to-end, the canvas benchmark.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';

const MAIN = join(import.meta.dirname, '..', '..', 'server', 'main.ts');

/** A running server process. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
}

/**
 * A new data directory holding a copy of the run's seeded store (test-store.ts): a server
 * spawned on it starts as a restarted product does, without seeding again. Its admin's password
 * is the suites' PASSWORD. Empty when the run has no SQLite template (under test:pg).
 */
export function seededDataDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const template = inject('seededTemplate').sqliteFile;
  if (template) copyFileSync(template, join(dir, 'yijianshi.db'));
  return dir;
}

/** Starts the server with `env` on top of the test's environment; resolves once it listens. */
export function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok({ child, url: `http://127.0.0.1:${m[1]}` });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code}: ${out}`));
    });
  });
}

/** Ends a server process and waits until it has exited. */
export async function stopServer(server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill(signal);
  await exited;
}

/** Signs in over the API; `call` then sends JSON with the session cookie and CSRF token. */
export async function apiLogin(url: string, username: string, password: string) {
  const res = await fetch(`${url}/api/studio/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('yjs_session='))!
    .split(';')[0]!;
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const r = await fetch(url + path, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, etag: r.headers.get('etag') };
  };
  return { call, cookie, csrf: csrfToken };
}
