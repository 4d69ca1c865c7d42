/**
 * The public runtime's hottest answers — a published bundle, its schema, UI schema and rules —
 * given before Express's router: the same rules the routes use (resolveBundle, the bundle's
 * representations and their caching, the security headers, CORS, the access log and metrics),
 * without the routing, body parsing and per-request objects a GET of bytes made at publish
 * time does not need. Anything else — a query, an unknown region, a bundle not served, another
 * method — is left to the app, which answers it (and its errors) as before.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import vary from 'vary';
import type { Logger } from '../http/logger.ts';
import type { Metrics } from '../http/metrics.ts';
import { traceRequest } from '../http/access-log.ts';
import { corsPolicy, HSTS, overTls, SECURITY_HEADERS } from '../http/security.ts';
import { BUNDLE_REPRESENTATIONS, resolveBundle, sendBundleRepresentation } from './routes.ts';
import type { Runtime } from './runtime.ts';

const PATH = /^\/api\/regions\/([0-9]{6})\/bundles\/([a-z0-9@-]{1,80})(\/schema|\/ui-schema|\/rules)?$/;

/** What the fast path needs of the app's context. */
export interface PublishedGetsDeps {
  runtime: Runtime;
  regions: readonly { code: string }[];
  logger: Logger;
  metrics: Metrics;
  config: { corsOrigins: readonly string[] };
}

/** Whom the app trusts as a proxy (Express's compiled `trust proxy`): their X-Forwarded-Proto says whether TLS was used. */
export type TrustedProxy = (address: string, hop: number) => boolean;

/** A handler that answers the published GETs it knows and returns true, or returns false and touches nothing. */
export function publishedGets(ctx: PublishedGetsDeps, trusted: TrustedProxy): (req: IncomingMessage, res: ServerResponse) => boolean {
  const regions = new Set(ctx.regions.map((r) => r.code));
  const cors = corsPolicy(ctx.config.corsOrigins);
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const m = PATH.exec(req.url ?? '');
    if (!m || !regions.has(m[1]!)) return false;
    const found = resolveBundle(ctx.runtime, m[1]!, m[2]!);
    if ('status' in found) return false;
    const suffix = (m[3] ?? '') as keyof typeof BUNDLE_REPRESENTATIONS;
    traceRequest(ctx.logger, ctx.metrics, req, res, () => `/api/regions/:region/bundles/:ref${suffix}`);
    for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
    if (overTls(req, trusted)) res.setHeader(...HSTS);
    if (cors.varies) vary(res, 'Origin');
    for (const [name, value] of cors.headers(req.headers.origin)) res.setHeader(name, value);
    sendBundleRepresentation(req, res, found, BUNDLE_REPRESENTATIONS[suffix]);
    return true;
  };
}
