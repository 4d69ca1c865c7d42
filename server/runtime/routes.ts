/**
 * The public runtime API (no login): regions, the published calendar, the bundles in effect
 * in a region, their compiled form, schema, UI schema, example, guide, diff, and validation
 * of applications. Only what is published is served. Published responses carry ETag and
 * Cache-Control; If-None-Match gets 304.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Router, type Request } from 'express';
import {
  brokenRules,
  derivedValues,
  describeErrors,
  duplicateEmployees,
  diffCompiled,
  exampleApplication,
  normalizeApplication,
  PROVINCE,
  stateLabel,
  withDerived,
  type BundleSummary,
  type Region,
} from '../../schemas/index.ts';
import type { Logger } from '../http/logger.ts';
import type { Metrics } from '../http/metrics.ts';
import { exceedsValues } from '../http/body-screen.ts';
import { Representation, sendComputed, sendJson, sendRepresentation } from '../http/cache.ts';
import { problem } from '../http/problem.ts';
import { committedMaterial, renderCommitment } from './commitment-html.ts';
import { CalendarGapError, planResponseJson, todayInChina, type PlannedApplication } from './plan.ts';
import type { Runtime, RuntimeEntry } from './runtime.ts';

/** The 办事指南 page has no script and loads nothing: the tightest policy there is. */
const GUIDE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** What the path names: a region, and (under /bundles/:ref) the artifact it serves. */
interface Served {
  region: string;
  entry: RuntimeEntry;
  pinned: boolean;
}

declare module 'express-serve-static-core' {
  interface Request {
    served?: Partial<Served>;
  }
}

/** The artifact a `/bundles/:ref` route was called for (loaded once by `router.param`). */
function served(req: Request): Served {
  return req.served as Served;
}

/** The most values an application may hold (objects, arrays and fields together). */
const MAX_VALUES = 5000;

/** The most errors a 422 lists; the rest are counted. */
const MAX_ERRORS = 50;

/** A pinned version's content never changes; what is in effect may, and a trial is checked every time. */
/**
 * The bundle `ref` (id, or id@version) names in `region`: the entry served and whether a version was
 * pinned — or why there is none (404), or why it is no longer served (410).
 */
export function resolveBundle(
  runtime: Runtime,
  region: string,
  ref: string,
): { entry: RuntimeEntry; pinned: boolean } | { status: 404 | 410; message: string } {
  const m = /^([a-z][a-z0-9-]*)(?:@([1-9][0-9]{0,8}))?$/.exec(ref);
  if (!m) return { status: 404, message: `一件事标识「${ref}」格式不正确，应为 id 或 id@版本号` };
  const entry = runtime.find(region, m[1]!, m[2] ? Number(m[2]) : undefined);
  if (!entry)
    return { status: 404, message: m[2] ? `${region} 没有一件事「${m[1]}」的第 ${m[2]} 版` : `${region} 没有在用的一件事「${m[1]}」` };
  if (entry.version.state === 'retired' && m[2] !== undefined)
    return { status: 410, message: `一件事「${entry.compiled.name}」的第 ${m[2]} 版已停用，请使用在用的版本` };
  return { entry, pinned: m[2] !== undefined };
}

/** The published representations of a bundle by the path that follows its ref. */
export const BUNDLE_REPRESENTATIONS = {
  '': (e: RuntimeEntry) => e.compiledJson,
  '/schema': (e: RuntimeEntry) => e.schemaJson,
  '/ui-schema': (e: RuntimeEntry) => e.uiSchemaJson,
  '/rules': (e: RuntimeEntry) => e.rulesJson,
} as const;

/** How long a bundle's representations may be cached: a trial never, a pinned version forever, the current one a minute. */
export function cacheControl(entry: RuntimeEntry, pinned: boolean): string {
  if (entry.version.state === 'trial') return 'no-cache';
  return pinned ? 'public, max-age=31536000, immutable' : 'public, max-age=60';
}

/** A bundle's representation with its caching; the bundle itself also says its state (X-Bundle-State). */
export function sendBundleRepresentation(
  req: IncomingMessage,
  res: ServerResponse,
  { entry, pinned }: { entry: RuntimeEntry; pinned: boolean },
  representation: (e: RuntimeEntry) => Representation,
): void {
  if (representation === BUNDLE_REPRESENTATIONS['']) res.setHeader('X-Bundle-State', entry.version.state);
  sendRepresentation(req, res, representation(entry), cacheControl(entry, pinned));
}

/** What the public runtime serves from: only what is published. */
export interface RuntimeDeps {
  runtime: Runtime;
  regions: readonly Region[];
  logger: Logger;
  metrics: Metrics;
}

/** Public runtime routes, mounted at /api. */
export function runtimeRoutes(ctx: RuntimeDeps): Router {
  const router = Router();
  const regionCodes = new Set(ctx.regions.map((r) => r.code));
  const regionsJson = new Representation(
    JSON.stringify(ctx.regions.map((r) => ({ code: r.code, name: r.name }))),
    'application/json; charset=utf-8',
  );

  router.param('region', (req, _res, next, code: string) => {
    if (!regionCodes.has(code)) return next(problem(404, `没有行政区划「${code}」`));
    req.served = { region: code };
    next();
  });

  router.param('ref', (req, _res, next, ref: string) => {
    const region = req.served!.region!;
    const found = resolveBundle(ctx.runtime, region, ref);
    if ('status' in found) return next(problem(found.status, found.message));
    req.served = { region, ...found };
    next();
  });

  router.get('/regions', (req, res) => sendRepresentation(req, res, regionsJson, 'public, max-age=3600'));

  router.get('/calendar', (req, res) => sendRepresentation(req, res, ctx.runtime.calendar.json, 'public, max-age=300'));

  router.get('/parameters', (req, res) => sendRepresentation(req, res, ctx.runtime.parameters.json, 'public, max-age=300'));

  router.get('/regions/:region/bundles', (req, res) => {
    const list: BundleSummary[] = ctx.runtime.inEffect(req.served!.region!).map((e) => ({
      id: e.compiled.id,
      name: e.compiled.name,
      version: e.compiled.version,
      state: e.version.state,
      stateText: stateLabel(e.version.state),
      scenarios: e.compiled.scenarios.map((s) => ({ id: s.id, label: s.label, target: s.target, mode: s.mode })),
    }));
    sendJson(req, res, list, 'public, max-age=60');
  });

  for (const [suffix, representation] of Object.entries(BUNDLE_REPRESENTATIONS))
    router.get(`/regions/:region/bundles/:ref${suffix}`, (req, res) => sendBundleRepresentation(req, res, served(req), representation));

  router.get('/regions/:region/bundles/:ref/guide', (req, res) => {
    const { entry, pinned } = served(req);
    // a printable page: its own styles, nothing else, no script at all
    res.setHeader('Content-Security-Policy', GUIDE_CSP);
    sendRepresentation(
      req,
      res,
      entry.guideHtml(ctx.runtime.calendar, ctx.runtime.parameters, todayInChina()),
      cacheControl(entry, pinned),
    );
  });

  router.get('/regions/:region/bundles/:ref/guide.json', (req, res) => {
    const { entry, pinned } = served(req);
    sendRepresentation(req, res, entry.guideJson, cacheControl(entry, pinned));
  });

  router.get('/regions/:region/bundles/:ref/commitments/:material', (req, res) => {
    const { entry, pinned } = served(req);
    const found = committedMaterial(entry.compiled, String(req.params.material));
    if (!found) throw problem(404, `一件事「${entry.compiled.name}」不以告知承诺代替材料「${String(req.params.material)}」`);
    res.setHeader('Content-Security-Policy', GUIDE_CSP);
    sendRepresentation(
      req,
      res,
      new Representation(renderCommitment(entry.compiled, found), 'text/html; charset=utf-8'),
      cacheControl(entry, pinned),
    );
  });

  router.get('/regions/:region/bundles/:ref/diff', (req, res) => {
    const { entry, pinned } = served(req);
    const against = typeof req.query.against === 'string' ? req.query.against : 'base';
    let other: RuntimeEntry | undefined;
    if (against === 'base') other = ctx.runtime.artifact(PROVINCE, entry.compiled.id, entry.compiled.version);
    // another version of this region, as the region may see it: a trial only where it is piloted
    else if (/^[1-9][0-9]{0,8}$/.test(against)) other = ctx.runtime.find(entry.compiled.region, entry.compiled.id, Number(against));
    else throw problem(400, 'against 应为 base 或版本号');
    if (!other) throw problem(404, `没有可比较的版本「${against}」`);
    sendJson(
      req,
      res,
      {
        from: { region: other.compiled.region, version: other.compiled.version, variant: other.compiled.variant },
        to: { region: entry.compiled.region, version: entry.compiled.version, variant: entry.compiled.variant },
        changes: diffCompiled(other.compiled, entry.compiled),
      },
      cacheControl(entry, pinned),
    );
  });

  router.get('/regions/:region/bundles/:ref/example', (req, res) => {
    const { entry, pinned } = served(req);
    const compiled = entry.compiled;
    const scenarioId = typeof req.query.scenario === 'string' ? req.query.scenario : undefined;
    const scenario = scenarioId === undefined ? compiled.scenarios[0] : compiled.scenarios.find((s) => s.id === scenarioId);
    if (!scenario) throw problem(400, `没有办事情形「${scenarioId}」，可选：${compiled.scenarios.map((s) => s.id).join('、')}`);
    let matters: string[] | undefined;
    if (typeof req.query.matters === 'string') {
      matters = req.query.matters
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const known = new Set(scenario.items.map((i) => i.matter.code));
      const unknown = matters.filter((m) => !known.has(m));
      if (unknown.length) throw problem(400, `办事情形「${scenario.label}」没有事项：${unknown.join('、')}`);
    } else if (req.query.matters !== undefined) throw problem(400, 'matters 参数应为逗号分隔的事项编码');
    const policy = { parameters: ctx.runtime.policy.parameters, on: todayInChina() };
    sendJson(req, res, exampleApplication(compiled, scenario.id, matters, policy), cacheControl(entry, pinned));
  });

  router.post('/regions/:region/bundles/:ref/applications/validate', (req, res) => {
    const { entry } = served(req);
    if (!req.is('application/json')) throw problem(415, '请以 application/json 提交申请');
    // an application has a few hundred values at most: a body with thousands is not one, and is refused before any work
    if (exceedsValues(req.body, MAX_VALUES)) throw problem(422, `申请内容过多（超过 ${MAX_VALUES} 项），不是有效的申请`);
    const receivedOn = todayInChina();
    const policy = ctx.runtime.policy;
    const derivation = { parameters: policy.parameters, on: receivedOn };
    // derived fields (a birth date from the ID number) are the runtime's to fill in, whatever was sent
    const normalized = normalizeApplication(entry.compiled, req.body);
    const app = isObject(normalized) ? withDerived(entry.compiled, normalized, derivation) : normalized;
    const validate = entry.validate();
    // the schema's findings, and an employee listed twice (beyond what a schema can say)
    const all = [
      ...(validate(app)
        ? []
        : describeErrors(validate.errors, (path) => entry.titles.get(path), { schema: entry.compiled.schema, data: app })),
      ...duplicateEmployees(entry.compiled, app),
    ];
    if (all.length) {
      ctx.metrics.validated('invalid');
      const errors = all.slice(0, MAX_ERRORS).map((e) => ({ path: e.path, message: e.message }));
      // what was wrong, never what was typed
      ctx.logger.info('application rejected', {
        requestId: req.id,
        bundle: entry.compiled.id,
        region: entry.compiled.region,
        errors: all.length,
        paths: errors.slice(0, 20).map((e) => e.path),
      });
      const extra = all.length > MAX_ERRORS ? { errors, moreErrors: all.length - MAX_ERRORS } : { errors };
      throw problem(422, `申请有 ${all.length} 处需要修改`, extra);
    }
    const valid = app as PlannedApplication;
    // 受理条件 and 智能审核: a broken 不予受理 rule refuses the application, a 提示 rule goes to the clerk
    const broken = brokenRules(entry.compiled.rules, { ...valid, applicationDate: receivedOn }, policy);
    const refused = broken.filter((r) => r.severity === 'reject');
    if (refused.length) {
      ctx.metrics.validated('refused');
      ctx.logger.info('application refused by rules', {
        requestId: req.id,
        bundle: entry.compiled.id,
        region: entry.compiled.region,
        rules: refused.map((r) => r.id),
      });
      const errors = refused.flatMap((r) => (r.paths.length ? r.paths : ['']).map((path) => ({ path, message: r.message })));
      throw problem(422, `申请不符合受理条件：${refused.map((r) => r.message).join('；')}`, { errors: errors.slice(0, MAX_ERRORS) });
    }
    const warnings = broken.map((r) => ({ rule: r.id, message: r.message, paths: r.paths }));
    let body: Buffer;
    try {
      body = planResponseJson(entry.compiled, valid, receivedOn, policy.calendar, {
        derived: derivedValues(entry.compiled, valid, derivation),
        warnings,
      });
    } catch (error) {
      if (error instanceof CalendarGapError) throw problem(503, error.message);
      throw error;
    }
    ctx.metrics.validated('valid');
    sendComputed(req, res, body, 'application/json; charset=utf-8');
  });

  return router;
}

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);
