/** Login, logout, who am I, and (for admins) users. */
import { Router } from 'express';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { endSession, requireRole, requireUser, startSession } from '../auth/sessions.ts';
import { LoginThrottle } from '../auth/throttle.ts';
import type { AppContext } from '../context.ts';
import { problem } from '../http/problem.ts';
import { ROLES, type Role } from '../../schemas/index.ts';

/** Auth routes, mounted at /api/studio. */
export function authRoutes(ctx: AppContext): Router {
  const router = Router();
  const throttle = new LoginThrottle();

  router.post('/login', async (req, res) => {
    const { username, password } = (req.body ?? {}) as { username?: unknown; password?: unknown };
    if (typeof username !== 'string' || typeof password !== 'string' || !username || !password) throw problem(400, '请填写用户名和密码');
    const key = `${req.ip}|${username}`;
    const wait = throttle.retryAfter(key);
    if (wait) {
      res.setHeader('Retry-After', String(wait));
      throw problem(429, `登录失败次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试`);
    }
    const user = await ctx.store.getUser(username);
    if (!user || !(await verifyPassword(password, user.passwordHash))) {
      throttle.fail(key);
      ctx.logger.warn('login failed', { username, ip: req.ip });
      throw problem(401, '用户名或密码错误');
    }
    throttle.succeed(key);
    const csrfToken = await startSession(ctx.store, res, user, req.secure);
    ctx.logger.info('login', { username });
    res.json({ user: { username: user.username, role: user.role, region: user.region }, csrfToken });
  });

  router.post('/logout', requireUser, async (req, res) => {
    await endSession(ctx.store, req, res);
    res.status(204).end();
  });

  // the studio asks on start-up whether a session exists; no session is an answer, not an error
  router.get('/session', (req, res) => {
    res.json(req.auth ? { user: req.auth.user, csrfToken: req.auth.csrf } : { user: null });
  });

  router.get('/me', requireUser, (req, res) => {
    res.json({ user: req.auth!.user, csrfToken: req.auth!.csrf });
  });

  router.get('/users', requireUser, requireRole('admin'), async (_req, res) => {
    res.json(await ctx.store.listUsers());
  });

  router.post('/users', requireUser, requireRole('admin'), async (req, res) => {
    const { username, password, role, region } = (req.body ?? {}) as Record<string, unknown>;
    const errors: { path: string; message: string }[] = [];
    if (typeof username !== 'string' || !/^[a-zA-Z0-9_.-]{3,40}$/.test(username))
      errors.push({ path: '/username', message: '用户名为 3–40 位字母、数字或 _ . -' });
    if (typeof password !== 'string' || password.length < 10) errors.push({ path: '/password', message: '密码至少 10 位' });
    if (!ROLES.includes(role as Role)) errors.push({ path: '/role', message: `角色应为 ${ROLES.join('、')}` });
    if (typeof region !== 'string' || !ctx.regions.some((r) => r.code === region))
      errors.push({ path: '/region', message: '请选择有效的行政区划' });
    if (errors.length) throw problem(422, '用户信息有误', { errors });
    const created = await ctx.store.createUser(
      { username: username as string, role: role as Role, region: region as string, passwordHash: await hashPassword(password as string) },
      req.auth!.user,
    );
    if (!created) throw problem(409, `用户「${String(username)}」已存在`);
    res.status(201).json({ username, role, region });
  });

  return router;
}
