/**
 * Accounts, for administrators: list, create, change role or region, disable (the account's
 * sessions end at once) and enable, reset a password, delete. The last administrator can be
 * neither disabled nor deleted, and nobody deletes or disables themselves.
 */
import { Router, type Request } from 'express';
import { ROLES, type Role } from '../../schemas/index.ts';
import { passwordProblems } from '../auth/password-policy.ts';
import { hashPassword } from '../auth/passwords.ts';
import { requireRole, requireUser } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { problem, type ProblemError } from '../http/problem.ts';
import type { UserAccount } from '../store/store.ts';

const USERNAME = /^[a-zA-Z0-9_.-]{3,40}$/;

/** User routes, mounted at /api/studio. */
export function usersRoutes(ctx: AppContext): Router {
  const router = Router();
  router.use('/users', requireUser, requireRole('admin'));
  const cost = ctx.config.passwordCost;

  const regionError = (region: unknown): ProblemError[] =>
    typeof region === 'string' && ctx.regions.some((r) => r.code === region) ? [] : [{ path: '/region', message: '请选择有效的行政区划' }];
  const roleError = (role: unknown): ProblemError[] =>
    ROLES.includes(role as Role) ? [] : [{ path: '/role', message: `角色应为 ${ROLES.join('、')}` }];

  /** The account a path names (404 when none). */
  const account = async (req: Request): Promise<UserAccount> => {
    const user = await ctx.store.getUser(String(req.params.username));
    if (!user) throw problem(404, `没有用户「${String(req.params.username)}」`);
    return user;
  };

  /** Refuses to leave the province without an enabled administrator, or to lock oneself out. */
  const keepsAnAdmin = async (req: Request, target: UserAccount, what: string) => {
    if (target.username === req.auth!.user.username) throw problem(409, `不能${what}自己的账号`);
    if (target.role !== 'admin') return;
    const admins = (await ctx.store.listUsers()).filter((u) => u.role === 'admin' && !u.disabled);
    if (admins.length <= 1) throw problem(409, `不能${what}唯一可用的管理员账号`);
  };

  router.get('/users', async (_req, res) => {
    res.json(await ctx.store.listUsers());
  });

  router.post('/users', async (req, res) => {
    const { username, password, role, region } = (req.body ?? {}) as Record<string, unknown>;
    const errors: ProblemError[] = [];
    if (typeof username !== 'string' || !USERNAME.test(username))
      errors.push({ path: '/username', message: '用户名为 3–40 位字母、数字或 _ . -' });
    if (typeof password !== 'string') errors.push({ path: '/password', message: '请填写初始密码' });
    else
      for (const message of passwordProblems(password, typeof username === 'string' ? username : ''))
        errors.push({ path: '/password', message });
    errors.push(...roleError(role), ...regionError(region));
    if (errors.length) throw problem(422, '用户信息有误', { errors });
    const user = { username: username as string, role: role as Role, region: region as string };
    if (!(await ctx.store.createUser({ ...user, passwordHash: await hashPassword(password as string, cost) }, req.auth!.user)))
      throw problem(409, `用户「${String(username)}」已存在`);
    res.status(201).json(user);
  });

  router.patch('/users/:username', async (req, res) => {
    const target = await account(req);
    const { role, region, disabled } = (req.body ?? {}) as Record<string, unknown>;
    const errors: ProblemError[] = [
      ...(role === undefined ? [] : roleError(role)),
      ...(region === undefined ? [] : regionError(region)),
      ...(disabled === undefined || typeof disabled === 'boolean' ? [] : [{ path: '/disabled', message: '应为 true 或 false' }]),
    ];
    if (errors.length) throw problem(422, '用户信息有误', { errors });
    if (disabled === true || (role !== undefined && role !== 'admin')) await keepsAnAdmin(req, target, disabled === true ? '停用' : '降级');
    const change = {
      ...(role === undefined ? {} : { role: role as Role }),
      ...(region === undefined ? {} : { region: region as string }),
      ...(disabled === undefined ? {} : { disabled: disabled as boolean }),
    };
    res.json(await ctx.store.updateUser(target.username, change, req.auth!.user));
  });

  router.post('/users/:username/password', async (req, res) => {
    const target = await account(req);
    const { password } = (req.body ?? {}) as { password?: unknown };
    const problems = typeof password === 'string' ? passwordProblems(password, target.username) : ['请填写新密码'];
    if (problems.length) throw problem(422, '新密码不符合要求', { errors: problems.map((message) => ({ path: '/password', message })) });
    await ctx.store.setPassword(target.username, await hashPassword(password as string, cost), req.auth!.user);
    res.status(204).end();
  });

  router.delete('/users/:username', async (req, res) => {
    const target = await account(req);
    await keepsAnAdmin(req, target, '删除');
    await ctx.store.deleteUser(target.username, req.auth!.user);
    res.status(204).end();
  });

  return router;
}
