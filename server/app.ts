/**
 * The Express application: access log, security headers, compression, JSON bodies screened
 * and limited, the public runtime API (CORS allow-list), the studio API (sessions, CSRF,
 * roles), OpenAPI, liveness and readiness, the built studio when present, 405 for a wrong
 * method, a JSON 404 and one error handler. `listen` lives in main.ts.
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import compression from 'compression';
import express from 'express';
import { loadSession } from './auth/sessions.ts';
import type { AppContext } from './context.ts';
import { accessLog } from './http/access-log.ts';
import { screenBody, refusePollutingKeys } from './http/body-screen.ts';
import { Representation, sendRepresentation } from './http/cache.ts';
import { methodNotAllowed } from './http/method-not-allowed.ts';
import { rateLimit, TokenBuckets } from './http/rate-limit.ts';
import { errorHandler, notFound, sendProblem } from './http/problem.ts';
import { cors, securityHeaders } from './http/security.ts';
import { openApiDocument } from './openapi/document.ts';
import { publishedGets, type TrustedProxy } from './runtime/published-gets.ts';
import { runtimeRoutes } from './runtime/routes.ts';
import { authRoutes } from './studio-api/auth-routes.ts';
import { documentRoutes } from './studio-api/documents-routes.ts';
import { verificationRoutes } from './studio-api/verification-routes.ts';
import { impactRoutes } from './studio-api/impact-routes.ts';
import { catalogRoutes } from './studio-api/catalog-routes.ts';
import { reductionsRoutes } from './studio-api/reductions-routes.ts';
import { lifecycleRoutes } from './studio-api/lifecycle-routes.ts';
import { releaseRoutes } from './studio-api/release-routes.ts';
import { usersRoutes } from './studio-api/users-routes.ts';
import { variantRoutes } from './studio-api/variant-routes.ts';

const YEAR_S = 365 * 24 * 3600;

/** Builds the app around a context; tests call this with their own store. */
export function createApp(ctx: AppContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', ctx.config.trustProxy);
  app.set('query parser', 'simple');

  app.use(accessLog(ctx.logger, ctx.metrics));
  app.use(securityHeaders);
  // the public runtime compresses its own answers (cached representations once, a plan per request);
  // the general middleware, which wraps every response, serves the studio and its pages
  const compress = compression({ threshold: 1024 });
  app.use((req, res, next) => (req.path.startsWith('/api/') && !req.path.startsWith('/api/studio/') ? next() : compress(req, res, next)));
  const json = express.json({
    limit: ctx.config.bodyLimit,
    strict: false,
    type: ['application/json', 'application/*+json'],
    verify: screenBody,
  });

  const document = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
  const openapi = new Representation(JSON.stringify(document), 'application/json; charset=utf-8');
  app.get('/api/openapi.json', (req, res) => sendRepresentation(req, res, openapi, 'public, max-age=300'));
  app.get('/metrics', ctx.metrics.endpoint(ctx.config.metricsToken));
  app.get('/api/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/api/ready', async (_req, res) => {
    if (ctx.health.draining) sendProblem(res, 503, '服务正在停止，请求将由其他实例处理');
    else if (await ctx.store.ping()) res.json({ status: 'ready', store: 'ok' });
    else sendProblem(res, 503, '数据存储暂时不可用');
  });

  // the public runtime API: CORS, and its POSTs (validation) limited per client before their bodies are read
  const publicCors = cors(ctx.config.corsOrigins);
  const perMinute = ctx.config.rateLimitPost;
  const local = new TokenBuckets(perMinute);
  const shared = perMinute > 0 ? ctx.store.sharedRateLimiter?.('validate', perMinute, local) : undefined;
  const limited = rateLimit(perMinute, shared ?? local);
  app.use('/api', (req, res, next) => {
    if (req.path.startsWith('/studio/')) next();
    else if (req.method === 'POST') publicCors(req, res, () => limited(req, res, next));
    else publicCors(req, res, next);
  });
  app.use('/api', json, refusePollutingKeys);
  app.use('/api', runtimeRoutes(ctx));

  app.use('/api/studio', loadSession(ctx.store));
  app.use('/api/studio', authRoutes(ctx));
  app.use('/api/studio', usersRoutes(ctx));
  app.use('/api/studio', lifecycleRoutes(ctx));
  app.use('/api/studio', variantRoutes(ctx));
  app.use('/api/studio', releaseRoutes(ctx));
  app.use('/api/studio', verificationRoutes(ctx));
  app.use('/api/studio', impactRoutes(ctx));
  app.use('/api/studio', reductionsRoutes(ctx));
  app.use('/api/studio', catalogRoutes(ctx));
  app.use('/api/studio', documentRoutes(ctx));

  app.use('/api', methodNotAllowed(Object.fromEntries(Object.entries(document.paths).map(([p, ops]) => [p, Object.keys(ops)]))));
  app.use('/api', notFound);
  if (existsSync(ctx.config.studioDir)) {
    // hashed build assets never change; the page that names them is always revalidated
    app.use(
      '/assets',
      express.static(join(ctx.config.studioDir, 'assets'), { maxAge: YEAR_S * 1000, immutable: true, fallthrough: false }),
    );
    app.use(express.static(ctx.config.studioDir, { index: false, setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') }));
    app.get('/{*splat}', (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(ctx.config.studioDir, 'index.html'));
    });
  } else {
    app.get('/', (_req, res) => {
      res
        .type('html')
        .send(
          '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>一件事 Bundle Studio</title><body style="font-family:sans-serif;max-width:720px;margin:40px auto"><h1>一件事 Bundle Studio</h1><p>运行时接口已启动：<a href="/api/regions">/api/regions</a>，接口说明：<a href="/api/openapi.json">/api/openapi.json</a>。</p><p>工作台前端尚未构建。</p></body></html>',
        );
    });
  }
  app.use(notFound);
  app.use(errorHandler(ctx.logger));

  // the published GETs are answered before the router (published-gets.ts); everything else goes through it.
  // Express's app calls app.handle for every request (an internal its types leave out): the app stays the
  // one handler main.ts, the tests and the benchmarks listen with
  const published = publishedGets(ctx, app.get('trust proxy fn') as TrustedProxy);
  const inner = app as unknown as { handle: (req: IncomingMessage, res: ServerResponse, next?: unknown) => void };
  const handle = inner.handle.bind(app);
  inner.handle = (req, res, next) => {
    if (!published(req, res)) handle(req, res, next);
  };
  return app;
}
