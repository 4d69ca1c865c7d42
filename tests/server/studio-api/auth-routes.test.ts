import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startServer, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('studio authentication', () => {
  it('logs in with an HttpOnly, SameSite=Strict session cookie and returns a CSRF token', async () => {
    const res = await request(server.url).post('/api/studio/login').send({ username: 'admin', password: PASSWORD }).expect(200);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('yjs_session='))!;
    expect(cookie).toMatch(/^yjs_session=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(res.body).toMatchObject({ user: { username: 'admin', role: 'admin', region: '320000' } });
    expect(res.body.csrfToken).toMatch(/^[\w-]{20,}$/);
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const res = await request(server.url).post('/api/studio/login').send({ username: 'viewer', password: 'nope' }).expect(401);
    expect(res.body.detail).toBe('用户名或密码错误');
    await request(server.url).post('/api/studio/login').send({ username: 'nobody', password: 'nope' }).expect(401);
  });

  it('throttles after five failures for a user and still lets the right password in for others', async () => {
    for (let i = 0; i < 5; i++)
      await request(server.url)
        .post('/api/studio/login')
        .send({ username: 'nanjing', password: `wrong-${i}` })
        .expect(401);
    const locked = await request(server.url).post('/api/studio/login').send({ username: 'nanjing', password: PASSWORD }).expect(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    await request(server.url).post('/api/studio/login').send({ username: 'suzhou', password: PASSWORD }).expect(200);
  });

  it('requires the CSRF token on writes', async () => {
    const admin = await server.login('admin');
    const bundle = (await admin.get('/api/studio/documents/bundle/unemployment').expect(200)).body;
    const withoutToken = await request(server.url)
      .put('/api/studio/documents/bundle/unemployment')
      .set('Cookie', admin.cookie)
      .set('If-Match', `"${bundle.rev}"`)
      .send(bundle.body)
      .expect(403);
    expect(withoutToken.body.detail).toContain('CSRF');
  });

  it('knows who is signed in and forgets them after logout', async () => {
    const viewer = await server.login('viewer');
    await viewer
      .get('/api/studio/me')
      .expect(200, { user: { username: 'viewer', role: 'viewer', region: '320000' }, csrfToken: viewer.csrf });
    await viewer.post('/api/studio/logout').expect(204);
    await viewer.get('/api/studio/me').expect(401);
  });

  it('tells the studio on start-up whether a session exists, without an error when none does', async () => {
    await request(server.url).get('/api/studio/session').expect(200, { user: null });
    const admin = await server.login('admin');
    await admin
      .get('/api/studio/session')
      .expect(200, { user: { username: 'admin', role: 'admin', region: '320000' }, csrfToken: admin.csrf });
  });

  it('answers an anonymous studio request with 401 problem+json', async () => {
    const res = await request(server.url).get('/api/studio/documents/matter').expect(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
