/**
 * The Express application: security headers, JSON bodies with a size limit, the public
 * runtime API (CORS allow-list), the studio API (sessions, CSRF, roles), OpenAPI, the
 * built studio when present, a JSON 404 and one error handler. `listen` lives in main.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import { loadSession } from './auth/sessions.ts';
import type { AppContext } from './context.ts';
import { errorHandler, notFound } from './http/problem.ts';
import { cors, markSuspiciousBody, refusePollutingKeys, securityHeaders } from './http/security.ts';
import { openApiDocument } from './openapi/document.ts';
import { runtimeRoutes } from './runtime/routes.ts';
import { authRoutes } from './studio-api/auth-routes.ts';
import { documentRoutes } from './studio-api/documents-routes.ts';
import { lifecycleRoutes } from './studio-api/lifecycle-routes.ts';
import { releaseRoutes } from './studio-api/release-routes.ts';
import { variantRoutes } from './studio-api/variant-routes.ts';

/** Builds the app around a context; tests call this with their own store. */
export function createApp(ctx: AppContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');

  app.use(securityHeaders);
  const json = express.json({
    limit: ctx.config.bodyLimit,
    strict: false,
    type: ['application/json', 'application/*+json'],
    verify: markSuspiciousBody,
  });

  const openapi = Buffer.from(JSON.stringify(openApiDocument()));
  app.get('/api/openapi.json', (_req, res) => {
    res.type('application/json').send(openapi);
  });
  app.get('/api/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.use('/api/regions', cors(ctx.config.corsOrigins));
  app.use('/api', json, refusePollutingKeys);
  app.use('/api', runtimeRoutes(ctx));

  app.use('/api/studio', loadSession(ctx.store));
  app.use('/api/studio', authRoutes(ctx));
  app.use('/api/studio', lifecycleRoutes(ctx));
  app.use('/api/studio', variantRoutes(ctx));
  app.use('/api/studio', releaseRoutes(ctx));
  app.use('/api/studio', documentRoutes(ctx));

  app.use('/api', notFound);
  if (existsSync(ctx.config.studioDir)) {
    app.use(express.static(ctx.config.studioDir, { index: 'index.html', maxAge: '1h' }));
    app.get('/{*splat}', (_req, res) => res.sendFile(join(ctx.config.studioDir, 'index.html')));
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
  return app;
}
