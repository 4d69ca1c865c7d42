/** Signing in and out, the session, who am I, and changing one's own password. */
import { createHash } from 'node:crypto';
import { Router } from 'express';
import { rememberDevice, trustedDevice } from '../auth/devices.ts';
import { passwordProblems } from '../auth/password-policy.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { endSession, requireUser, startSession } from '../auth/sessions.ts';
import { admitAttempt, attemptSucceeded, throttleKeys } from '../auth/throttle.ts';
import type { AppContext } from '../context.ts';
import { problem } from '../http/problem.ts';

/** The longest username accepted at sign-in. */
const MAX_USERNAME = 64;

/** A username as logs may name it: a short hash. */
const logName = (username: string) => createHash('sha256').update(username).digest('hex').slice(0, 12);

/** Auth routes, mounted at /api/studio. */
export function authRoutes(ctx: AppContext): Router {
  const router = Router();
  const cost = ctx.config.passwordCost;

  router.post('/login', async (req, res) => {
    const { username, password } = (req.body ?? {}) as { username?: unknown; password?: unknown };
    if (typeof username !== 'string' || typeof password !== 'string' || !username || !password) throw problem(400, '请填写用户名和密码');
    // before anything is counted, hashed or looked up
    if (username.length > MAX_USERNAME) throw problem(400, `用户名不能超过 ${MAX_USERNAME} 个字符`);
    if (password.length > 1024) throw problem(400, '密码过长');
    const device = await trustedDevice(ctx.store, req, username);
    const keys = throttleKeys(req.ip ?? '', username, device);
    const wait = await admitAttempt(ctx.store, keys);
    if (wait) {
      res.setHeader('Retry-After', String(wait));
      throw problem(429, `登录失败次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试`);
    }
    const user = await ctx.store.getUser(username);
    const check = await verifyPassword(password, user?.passwordHash ?? null, cost);
    if (!user || !check.ok) {
      ctx.logger.warn('login failed', { account: logName(username), ip: req.ip, requestId: req.id });
      throw problem(401, '用户名或密码错误');
    }
    if (user.disabled) throw problem(403, '账号已停用，请联系管理员');
    await attemptSucceeded(ctx.store, keys);
    if (check.rehash) await ctx.store.rehashPassword(user.username, await hashPassword(password, cost));
    await rememberDevice(ctx.store, res, user.username, device, req.secure);
    const csrfToken = await startSession(ctx.store, res, user, req.secure);
    ctx.logger.info('login', { account: logName(username), requestId: req.id });
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

  router.post('/me/password', requireUser, async (req, res) => {
    const { current, next } = (req.body ?? {}) as { current?: unknown; next?: unknown };
    if (typeof current !== 'string' || typeof next !== 'string') throw problem(400, '请填写当前密码和新密码');
    const me = req.auth!.user;
    const record = await ctx.store.getUser(me.username);
    if (!record || !(await verifyPassword(current, record.passwordHash, cost)).ok)
      throw problem(422, '当前密码不正确', { errors: [{ path: '/current', message: '当前密码不正确' }] });
    const problems = passwordProblems(next, me.username);
    if (problems.length) throw problem(422, '新密码不符合要求', { errors: problems.map((message) => ({ path: '/next', message })) });
    await ctx.store.setPassword(me.username, await hashPassword(next, cost), me, req.auth!.tokenHash);
    res.status(204).end();
  });

  return router;
}
