import { request as httpRequest } from 'node:http';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { seededDataDir, spawnServer } from '../../support/spawn-server.ts';
import { startServer } from '../../support/test-server.ts';

/**
 * SIGTERM, as an orchestrator stops an instance: the request in flight is still answered,
 * readiness has turned 503 for the load balancer, new connections are refused, and the process
 * ends by itself, cleanly.
 */
const dataDir = seededDataDir('yjs-drain-');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A POST whose body is sent in two halves, `between` running in the middle; resolves with the answer. */
function slowPost(url: string, path: string, body: string, between: () => Promise<void>): Promise<{ status: number; text: string }> {
  return new Promise((ok, fail) => {
    const req = httpRequest(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => ok({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', fail);
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half));
    void between().then(() => req.end(body.slice(half)), fail);
  });
}

describe('stopping an instance', () => {
  it('answers the request in flight, turns unready, refuses new connections and exits 0', async () => {
    const server = await spawnServer({ DATA_DIR: dataDir, ADMIN_PASSWORD: 'drain-test-password', LOG_LEVEL: 'error', PASSWORD_COST: '14' });
    const path = '/api/regions/320000/bundles/unemployment';
    const example = JSON.stringify(await (await fetch(`${server.url}${path}/example`)).json());
    const exited = new Promise<number | null>((r) => server.child.once('exit', (code) => r(code)));
    const answer = await slowPost(server.url, `${path}/applications/validate`, example, async () => {
      // readiness on a connection opened before the signal, then the signal
      const keep = await fetch(`${server.url}/api/ready`);
      expect(keep.status).toBe(200);
      server.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ valid: true });
    expect(await exited).toBe(0);
  });

  it('says it is not ready while it stops, so the load balancer sends nothing more', async () => {
    const server = await startServer();
    try {
      await request(server.url).get('/api/ready').expect(200);
      server.health.draining = true;
      const res = await request(server.url).get('/api/ready').expect(503);
      expect(res.body.detail).toBe('服务正在停止，请求将由其他实例处理');
    } finally {
      await server.close();
    }
  });
});
