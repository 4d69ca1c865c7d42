/** Hygiene middleware: security headers, and the CORS allow-list for the public API. */
import type { RequestHandler } from 'express';

/** Security headers on every response. */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  // no 'unsafe-eval': the studio validates by interpreting schemas, never by generating code
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  );
  next();
};

/**
 * CORS for the public runtime API: only origins on the allow-list get the headers. Every
 * answer varies on Origin (unless every origin is allowed), so a shared cache never hands
 * a portal a copy made for a request without, or with another, Origin.
 */
export function cors(allowed: readonly string[]): RequestHandler {
  const all = allowed.includes('*');
  const set = new Set(allowed);
  return (req, res, next) => {
    if (!all) res.vary('Origin');
    const origin = req.headers.origin;
    if (origin && (all || set.has(origin))) {
      res.setHeader('Access-Control-Allow-Origin', all ? '*' : origin);
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
