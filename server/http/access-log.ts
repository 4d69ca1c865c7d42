/**
 * Every request gets an id (the client's `X-Request-Id` when it is a plain token, else a new
 * one), sent back in `X-Request-Id`; when the response finishes, one listener times it once and
 * hands it to the access log — one line: method, path without the query, status, duration and
 * size; no bodies, no queries — and to the request metrics.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';

declare module 'express-serve-static-core' {
  interface Request {
    id?: string;
  }
}

const TOKEN = /^[A-Za-z0-9._-]{1,64}$/;

/** Access-log and request-metrics middleware, registered first. */
export function accessLog(logger: Logger, metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    req.id = typeof given === 'string' && TOKEN.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observe(req, res, seconds);
      logger.info('request', {
        requestId: req.id,
        method: req.method,
        path: req.path.slice(0, 200),
        status: res.statusCode,
        ms: Math.round(seconds * 10_000) / 10,
        bytes: Number(res.getHeader('Content-Length') ?? 0),
      });
    });
    next();
  };
}
