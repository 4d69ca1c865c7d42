/**
 * Accounts: a password policy on every password, changing one's own password, and an
 * administrator resetting, disabling (every session ends at once) and deleting accounts;
 * stronger hashes on sign-in.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../server/auth/passwords.ts';
import { PASSWORD, startServer, type Client, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
let admin: Client;
beforeAll(async () => {
  server = await startServer();
  admin = await server.login('admin');
});
afterAll(() => server.close());

describe('accounts', () => {
  it('refuses weak passwords for new users, each reason in Chinese', async () => {
    const res = await admin
      .post('/api/studio/users', { username: 'wuxi', password: 'wuxi-password', role: 'city-editor', region: '320200' })
      .expect(422);
    expect(res.body.errors).toEqual([{ path: '/password', message: expect.stringContaining('不能包含用户名') }]);
    await admin
      .post('/api/studio/users', { username: 'wuxi', password: 'aaaaaaaaaaaaaaa', role: 'city-editor', region: '320200' })
      .expect(422);
    await admin
      .post('/api/studio/users', { username: 'wuxi', password: 'Taihu-lake-2026', role: 'city-editor', region: '320200' })
      .expect(201);
  });

  it('lets a user change their own password: other sessions end, this one goes on', async () => {
    const here = await server.login('wuxi', 'Taihu-lake-2026');
    const elsewhere = await server.login('wuxi', 'Taihu-lake-2026');
    await here.post('/api/studio/me/password', { current: 'wrong-current-pw', next: 'Grand-canal-1794' }).expect(422);
    await here.post('/api/studio/me/password', { current: 'Taihu-lake-2026', next: 'wuxi12345678' }).expect(422);
    await here.post('/api/studio/me/password', { current: 'Taihu-lake-2026', next: 'Grand-canal-1794' }).expect(204);
    await here.get('/api/studio/me').expect(200);
    await elsewhere.get('/api/studio/me').expect(401);
    await request(server.url).post('/api/studio/login').send({ username: 'wuxi', password: 'Grand-canal-1794' }).expect(200);
  });

  it('lets an administrator reset a password, ending the user’s sessions', async () => {
    const wuxi = await server.login('wuxi', 'Grand-canal-1794');
    await admin.post('/api/studio/users/wuxi/password', { password: '123456789012' }).expect(422);
    await admin.post('/api/studio/users/wuxi/password', { password: 'Reset-by-admin-42' }).expect(204);
    await wuxi.get('/api/studio/me').expect(401);
    await server.login('wuxi', 'Reset-by-admin-42');
  });

  it('disables an account: its sessions end at once and it cannot sign in until enabled', async () => {
    const wuxi = await server.login('wuxi', 'Reset-by-admin-42');
    const res = await admin.patch('/api/studio/users/wuxi', { disabled: true }).expect(200);
    expect(res.body).toMatchObject({ username: 'wuxi', disabled: true });
    await wuxi.get('/api/studio/me').expect(401);
    const refused = await request(server.url)
      .post('/api/studio/login')
      .send({ username: 'wuxi', password: 'Reset-by-admin-42' })
      .expect(403);
    expect(refused.body.detail).toBe('账号已停用，请联系管理员');
    await admin.patch('/api/studio/users/wuxi', { disabled: false }).expect(200);
    await server.login('wuxi', 'Reset-by-admin-42');
    await admin.patch('/api/studio/users/admin', { disabled: true }).expect(409);
  });

  it('deletes an account, but never the last administrator or oneself', async () => {
    await admin.delete('/api/studio/users/wuxi').expect(204);
    await admin.delete('/api/studio/users/wuxi').expect(404);
    await request(server.url).post('/api/studio/login').send({ username: 'wuxi', password: 'Reset-by-admin-42' }).expect(401);
    await admin.delete('/api/studio/users/admin').expect(409);
    const viewer = await server.login('viewer');
    await viewer.delete('/api/studio/users/suzhou').expect(403);
  });

  it('stores a stronger hash after signing in with an old, cheaper one', async () => {
    const old = await hashPassword(PASSWORD, 14);
    expect(old).toMatch(/^scrypt\$16384\$/);
    await server.store.createUser({ username: 'legacy', role: 'viewer', region: '320000', passwordHash: old }, { username: 'test' });
    await server.login('legacy');
    expect((await server.store.getUser('legacy'))!.passwordHash).toMatch(new RegExp(`^scrypt\\$${2 ** server.passwordCost}\\$`));
  });

  it('hashes with scrypt cost 2^17 unless told otherwise', async () => {
    expect(await hashPassword('Kx7-yellow-river-2026')).toMatch(/^scrypt\$131072\$8\$1\$/);
  });
});
