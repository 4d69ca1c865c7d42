/**
 * Hygiene: security headers (helmet's, configured for the product, and HSTS over TLS), and the
 * CORS allow-list for the public API.
 */
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** helmet as the product wants it; HSTS apart, since it is sent over TLS only. */
const configured = helmet({
  // no 'unsafe-eval': the studio validates by interpreting schemas, never by generating code
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
    },
  },
  // the public runtime is read by other origins' portals (CORS decides who): no resource policy narrows that
  crossOriginResourcePolicy: false,
  referrerPolicy: { policy: 'no-referrer' },
  xFrameOptions: { action: 'deny' },
  strictTransportSecurity: false,
});

/** The security headers every response carries: helmet's, taken once, so that every path sends the same. */
export const SECURITY_HEADERS: readonly (readonly [string, string])[] = (() => {
  const out: [string, string][] = [];
  const res = { setHeader: (name: string, value: unknown) => out.push([name, String(value)]), removeHeader: () => undefined };
  configured({} as never, res as never, () => undefined);
  return out;
})();

/** HSTS, for answers that went over TLS. */
export const HSTS = ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'] as const;

/** Whether the request came over TLS: its own socket, or a trusted proxy's X-Forwarded-Proto (as Express's req.protocol decides). */
export function overTls(req: IncomingMessage, trusted: (address: string, hop: number) => boolean): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  if (!trusted(req.socket.remoteAddress ?? '', 0)) return false;
  const header = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
  return first === 'https';
}

/** Security headers on every response, and HSTS over TLS. */
export const securityHeaders: RequestHandler = (req, res, next) => {
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
  if (req.secure) res.setHeader(...HSTS);
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
