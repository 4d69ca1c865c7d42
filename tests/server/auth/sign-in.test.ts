/**
 * Signing in under attack: huge usernames cost nothing, attempts are counted before the
 * slow password check, a forged X-Forwarded-For does not buy more guesses, an account under
 * attack is slowed down for unknown devices but not for its owner's known device, unknown
 * usernames cost the same as known ones, and no username reaches the log.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordChecks } from '../../../server/auth/passwords.ts';
import { PASSWORD, startServer, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ TRUST_PROXY: 'loopback' });
});
afterAll(() => server.close());

const login = (username: string, password: string, from = '127.0.0.1', device?: string) => {
  const req = request(server.url).post('/api/studio/login').set('X-Forwarded-For', from);
  if (device) req.set('Cookie', device);
  return req.send({ username, password });
};

describe('signing in under attack', () => {
  it('refuses a username over 64 characters before anything else', async () => {
    const before = passwordChecks.count;
    const res = await login('x'.repeat(250_000), 'whatever', '10.0.0.1').expect(400);
    expect(res.body.detail).toBe('用户名不能超过 64 个字符');
    expect(passwordChecks.count).toBe(before);
  });

  it('counts an attempt before the slow password check: 200 parallel wrong passwords are checked at most 5 times', async () => {
    const before = passwordChecks.count;
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => login('viewer', `wrong-${i}`, '10.0.0.2')));
    expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(195);
    expect(passwordChecks.count - before).toBeLessThanOrEqual(5);
  });

  it('keys the counters by hashes, never by the username', async () => {
    const keys = (await server.sql('SELECT key FROM login_attempts')) as { key: string }[];
    expect(keys.length).toBeGreaterThan(0);
    for (const { key } of keys) expect(key).toMatch(/^[\w-]{43}$/);
  });

  it('slows an account down for unknown devices whatever address they claim, but lets its owner’s known device in', async () => {
    const first = await login('nanjing', PASSWORD, '10.1.0.1').expect(200);
    const device = String(first.headers['set-cookie']).match(/yjs_device=[^;]+/)![0];
    const guesses = await Promise.all(Array.from({ length: 30 }, (_, i) => login('nanjing', `guess-${i}`, `10.2.${i}.${i}`)));
    expect(guesses.filter((g) => g.status === 429).length).toBeGreaterThanOrEqual(20);
    const stranger = await login('nanjing', PASSWORD, '10.3.0.1').expect(429);
    expect(Number(stranger.headers['retry-after'])).toBeGreaterThan(0);
    await login('nanjing', PASSWORD, '10.1.0.1', device).expect(200);
  });

  it('checks a password for an unknown username as for a known one', async () => {
    const before = passwordChecks.count;
    await login('nobody-here', 'wrong-password', '10.4.0.1').expect(401);
    await login('suzhou', 'wrong-password', '10.4.0.2').expect(401);
    expect(passwordChecks.count - before).toBe(2);
  });

  it('never logs a username', async () => {
    await login('suzhou', 'wrong-again', '10.5.0.1').expect(401);
    const failed = server.logs.filter((l) => l.includes('login failed'));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.join('\n')).not.toMatch(/suzhou|nanjing|viewer|nobody-here/);
  });
});
