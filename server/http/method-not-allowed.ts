/**
 * A request for a path the API serves, with a method it does not serve there, gets 405
 * and `Allow` (RFC 9110), not 404. The paths and their methods are the OpenAPI document's,
 * the same list a test holds against the router.
 */
import type { RequestHandler } from 'express';
import { sendProblem } from './problem.ts';

/** 405 middleware for `paths` (OpenAPI templates such as `/api/regions/{region}/bundles`, each with its methods). */
export function methodNotAllowed(paths: Record<string, string[]>): RequestHandler {
  const routes = Object.entries(paths).map(([template, methods]) => {
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`);
    const allowed = methods.map((m) => m.toUpperCase());
    if (allowed.includes('GET')) allowed.push('HEAD');
    return { pattern, allowed };
  });
  return (req, res, next) => {
    const path = req.originalUrl.split('?')[0]!;
    const route = routes.find((r) => r.pattern.test(path));
    if (!route || route.allowed.includes(req.method)) return next();
    res.setHeader('Allow', route.allowed.join(', '));
    sendProblem(res, 405, `${req.method} 不适用于此地址，可用：${route.allowed.join('、')}`);
  };
}
