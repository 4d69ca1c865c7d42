/**
 * Hygiene middleware: security headers, the CORS allow-list for the public API, and a
 * guard that refuses bodies carrying prototype-polluting keys.
 */
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { sendProblem } from './problem.ts';

/** Security headers on every response. */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  // 'unsafe-eval': the studio compiles JSON Schemas with AJV in the browser (new Function)
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  );
  next();
};

/** CORS for the public runtime API: only origins on the allow-list get the headers. */
export function cors(allowed: readonly string[]): RequestHandler {
  const all = allowed.includes('*');
  const set = new Set(allowed);
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin && (all || set.has(origin))) {
      res.setHeader('Access-Control-Allow-Origin', all ? '*' : origin);
      if (!all) res.vary('Origin');
      res.setHeader('Access-Control-Expose-Headers', 'ETag');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', 'Content-Type, If-None-Match');
        res.setHeader('Access-Control-Max-Age', '600');
        res.status(204).end();
        return;
      }
    }
    next();
  };
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** True when any object in `value` has an own key that could pollute a prototype. */
export function hasPollutingKey(value: unknown, depth = 0): boolean {
  if (depth > 64) return true;
  if (Array.isArray(value)) return value.some((v) => hasPollutingKey(v, depth + 1));
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN.has(key) || hasPollutingKey((value as Record<string, unknown>)[key], depth + 1)) return true;
    }
  }
  return false;
}

const SUSPICIOUS = /__proto__|constructor|prototype|\\u/;

/**
 * For `express.json({ verify })`: marks a body whose raw text could spell a polluting key
 * (literally or through a \u escape), so only those bodies are walked.
 */
export function markSuspiciousBody(req: IncomingMessage, _res: unknown, buf: Buffer): void {
  (req as IncomingMessage & { suspiciousBody?: boolean }).suspiciousBody = SUSPICIOUS.test(buf.toString('latin1'));
}

declare module 'express-serve-static-core' {
  interface Request {
    suspiciousBody?: boolean;
  }
}

/** Refuses JSON bodies with `__proto__`, `constructor` or `prototype` keys (or nested deeper than 64). */
export const refusePollutingKeys: RequestHandler = (req, res, next) => {
  if (req.suspiciousBody !== false && req.body !== undefined && hasPollutingKey(req.body)) {
    sendProblem(res, 400, '请求体包含不允许的键（__proto__、constructor 或 prototype），或嵌套过深');
    return;
  }
  next();
};
