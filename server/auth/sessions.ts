/**
 * Sessions: a random token in an HttpOnly, SameSite=Strict cookie (only its hash is
 * stored), a CSRF token required on every write, and role checks.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { problem } from '../http/problem.ts';
import type { Role, Store, User } from '../store/store.ts';

/** The session cookie's name. */
export const SESSION_COOKIE = 'yjs_session';
const SESSION_HOURS = 12;

/** The signed-in user and their CSRF token, set by `loadSession`. */
export interface AuthContext {
  user: User;
  csrf: string;
  tokenHash: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: AuthContext;
  }
}

/** The stored form of a cookie token. */
export const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** The value of cookie `name` on the request, if any. */
export function cookieValue(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

const cookieToken = (req: Request) => cookieValue(req, SESSION_COOKIE);

/** Starts a session for `user` and sets the cookie; returns the CSRF token. */
export async function startSession(store: Store, res: Response, user: User, secure: boolean): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  await store.createSession({
    tokenHash: hash(token),
    username: user.username,
    csrf,
    expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000).toISOString(),
  });
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/api/studio', maxAge: SESSION_HOURS * 3600_000 });
  return csrf;
}

/** Ends the current session and clears the cookie. */
export async function endSession(store: Store, req: Request, res: Response): Promise<void> {
  if (req.auth) await store.deleteSession(req.auth.tokenHash);
  res.clearCookie(SESSION_COOKIE, { path: '/api/studio' });
}

/** Loads the session, if any, into `req.auth`. */
export function loadSession(store: Store): RequestHandler {
  return async (req, _res, next) => {
    const token = cookieToken(req);
    if (token) {
      const session = await store.getSession(hash(token));
      const user = session ? await store.getUser(session.username) : null;
      // a disabled account has no session, even one that outlived the disabling on another instance
      if (session && user && !user.disabled)
        req.auth = {
          user: { username: user.username, role: user.role, region: user.region },
          csrf: session.csrf,
          tokenHash: session.tokenHash,
        };
    }
    next();
  };
}

/** Requires a signed-in user; writes also need the session's CSRF token in `X-CSRF-Token`. */
export const requireUser: RequestHandler = (req, _res, next) => {
  if (!req.auth) throw problem(401, '请先登录');
  if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method) && req.get('x-csrf-token') !== req.auth.csrf)
    throw problem(403, '缺少或错误的 CSRF 令牌，请刷新页面后重试');
  next();
};

/** Requires one of `roles`. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.auth || !roles.includes(req.auth.user.role)) throw problem(403, '当前角色无权执行此操作');
    next();
  };
}
