/**
 * Every request gets an id (the client's `X-Request-Id` when it is a plain token, else a new
 * one), sent back in `X-Request-Id` and written with one access-log line when the response
 * finishes: method, path without the query, status, duration and size. No bodies, no queries.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from './logger.ts';

declare module 'express-serve-static-core' {
  interface Request {
    id?: string;
  }
}

const TOKEN = /^[A-Za-z0-9._-]{1,64}$/;

/** Access-log middleware, registered first. */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    req.id = given && TOKEN.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info('request', {
        requestId: req.id,
        method: req.method,
        path: req.path.slice(0, 200),
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
        bytes: Number(res.getHeader('Content-Length') ?? 0),
      });
    });
    next();
  };
}
