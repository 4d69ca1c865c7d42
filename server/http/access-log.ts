/**
 * Every request gets an id (the client's `X-Request-Id` when it is a plain token, else a new
 * one), sent back in `X-Request-Id`; when the response finishes, one listener times it once and
 * hands it to the access log — one line: method, path without the query, status, duration and
 * size; no bodies, no queries — and to the request metrics.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';

declare module 'express-serve-static-core' {
  interface Request {
    id?: string;
  }
}

const TOKEN = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Gives the request its id, and — when the response finishes — times it once, writes its access-log
 * line and records its metrics under `route()` (the route's pattern, asked for once it is known).
 */
export function traceRequest(logger: Logger, metrics: Metrics, req: IncomingMessage, res: ServerResponse, route: () => string): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && TOKEN.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  const started = process.hrtime.bigint();
  // the path as asked, before any router trims its mount point from req.url
  const url = req.url ?? '';
  const query = url.indexOf('?');
  res.once('finish', () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    metrics.observe(req, res, route(), seconds);
    logger.info('request', {
      requestId: id,
      method: req.method,
      path: (query < 0 ? url : url.slice(0, query)).slice(0, 200),
      status: res.statusCode,
      ms: Math.round(seconds * 10_000) / 10,
      bytes: Number(res.getHeader('Content-Length') ?? 0),
    });
  });
  return id;
}

/** Access-log and request-metrics middleware, registered first. */
export function accessLog(logger: Logger, metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    req.id = traceRequest(logger, metrics, req, res, () =>
      req.route ? `${req.baseUrl}${String((req.route as { path: string }).path)}` : 'unmatched',
    );
    next();
  };
}
