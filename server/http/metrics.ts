/**
 * `/metrics` in Prometheus' text format (prom-client, a registry per app): requests and their
 * latency by route pattern (never by concrete path: the label set stays small), the outcomes
 * of validation, publishes, and cached representations answered 304, plus the process's own
 * metrics. With METRICS_TOKEN set, a scrape must send it as a bearer token.
 */
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import client from 'prom-client';
import { sendProblem } from './problem.ts';

/** What the validate route decided. */
export type ValidateOutcome = 'valid' | 'invalid' | 'refused';

/** The product's metrics. */
export class Metrics {
  readonly registry = new client.Registry();
  private readonly requests = new client.Histogram({
    name: 'yjs_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status class, and how long they took',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  private readonly validations = new client.Counter({
    name: 'yjs_validations_total',
    help: 'Applications validated, by outcome: valid, invalid (schema), refused (受理条件)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  private readonly publishes = new client.Counter({
    name: 'yjs_publishes_total',
    help: 'Bundle versions made and documents released (calendar, city variants, city matters)',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  private readonly validators = new client.Counter({
    name: 'yjs_validators_total',
    help: 'Application validators made ready, by source: precompiled (loaded from the store) or compiled here',
    labelNames: ['source'],
    registers: [this.registry],
  });
  private readonly cached = new client.Counter({
    name: 'yjs_cached_responses_total',
    help: 'Responses to GETs of cached representations: hit (304 Not Modified) or miss (the body sent)',
    labelNames: ['result'],
    registers: [this.registry],
  });

  private readonly hits = this.cached.labels({ result: 'hit' });
  private readonly misses = this.cached.labels({ result: 'miss' });

  constructor() {
    client.collectDefaultMetrics({ register: this.registry, prefix: 'yjs_' });
    for (const outcome of ['valid', 'invalid', 'refused']) this.validations.inc({ outcome }, 0);
  }

  private readonly outcomes = new Map((['valid', 'invalid', 'refused'] as const).map((o) => [o, this.validations.labels({ outcome: o })]));

  validated(outcome: ValidateOutcome): void {
    this.outcomes.get(outcome)!.inc();
  }

  validatorReady(source: 'precompiled' | 'compiled'): void {
    this.validators.inc({ source });
  }

  published(kind: string): void {
    this.publishes.inc({ kind });
  }

  /** The histogram's series of one method, route and status, looked up once. */
  private readonly series = new Map<string, client.Histogram.Internal<'method' | 'route' | 'status'>>();

  /** Records a finished request of `route` (its pattern, never the path) — called by the access log, which times it. */
  observe(req: IncomingMessage, res: ServerResponse, route: string, seconds: number): void {
    const method = req.method ?? 'GET';
    const key = `${method} ${route} ${res.statusCode}`;
    let series = this.series.get(key);
    if (!series) {
      const status = `${Math.floor(res.statusCode / 100)}xx`;
      this.series.set(key, (series = this.requests.labels({ method, route, status })));
    }
    series.observe(seconds);
    if (method === 'GET' && res.getHeader('ETag') !== undefined) (res.statusCode === 304 ? this.hits : this.misses).inc();
  }

  /** The scrape endpoint. */
  endpoint(token: string | undefined): RequestHandler {
    return async (req, res) => {
      if (token !== undefined && !bearerMatches(req.get('authorization'), token)) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        sendProblem(res, 401, '需要监控令牌（METRICS_TOKEN）');
        return;
      }
      res.setHeader('Content-Type', this.registry.contentType);
      res.setHeader('Cache-Control', 'no-store');
      res.end(await this.registry.metrics());
    };
  }
}

/** True when the header carries `Bearer <token>` (compared in constant time). */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
