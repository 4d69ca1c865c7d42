/** Hygiene: security headers, and the CORS allow-list for the public API. */
import type { RequestHandler } from 'express';

/** The security headers every response carries. */
export const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'no-referrer'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  // no 'unsafe-eval': the studio validates by interpreting schemas, never by generating code
  [
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  ],
];

/** Security headers on every response. */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
  next();
};

/** The CORS decision for an allow-list: whether answers vary on Origin, and the headers an origin gets (none when refused). */
export interface CorsPolicy {
  varies: boolean;
  headers(origin: string | undefined): [string, string][];
}

/** The CORS policy of an allow-list (`*` allows every origin). */
export function corsPolicy(allowed: readonly string[]): CorsPolicy {
  const all = allowed.includes('*');
  const set = new Set(allowed);
  return {
    varies: !all,
    headers: (origin) =>
      origin && (all || set.has(origin))
        ? [
            ['Access-Control-Allow-Origin', all ? '*' : origin],
            ['Access-Control-Expose-Headers', 'ETag'],
          ]
        : [],
  };
}

/**
 * CORS for the public runtime API: only origins on the allow-list get the headers. Every
 * answer varies on Origin (unless every origin is allowed), so a shared cache never hands
 * a portal a copy made for a request without, or with another, Origin.
 */
export function cors(allowed: readonly string[]): RequestHandler {
  const policy = corsPolicy(allowed);
  return (req, res, next) => {
    if (policy.varies) res.vary('Origin');
    const headers = policy.headers(req.headers.origin);
    if (headers.length) {
      for (const [name, value] of headers) res.setHeader(name, value);
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
