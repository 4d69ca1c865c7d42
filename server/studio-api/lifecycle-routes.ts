/**
 * Bundle lifecycle: draft → trial (pilot regions) → published → retired, by the table of
 * schemas/lifecycle.ts. A version is an immutable snapshot of the draft with the catalog
 * revisions it was compiled against and its artifacts for every region; a draft with error
 * diagnostics is never published.
 */
import { Router, type Request } from 'express';
import { createHash } from 'node:crypto';
import { canMove, stateLabel, VERSION_STATES, type PublishPreview, type VersionState } from '../../schemas/index.ts';
import { requireRole, requireUser } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { problem } from '../http/problem.ts';
import { cityImpact, planPublish, publishDraft } from '../publish/versions.ts';
import type { BundleVersion } from '../store/store.ts';
import { maySeeVersion } from './permissions.ts';
import { versionView } from './views.ts';

const STATES_TEXT = VERSION_STATES.map(stateLabel).join('、');

/** Lifecycle routes, mounted at /api/studio. */
export function lifecycleRoutes(ctx: AppContext): Router {
  const router = Router();
  const cities = new Set(ctx.regions.map((r) => r.code));

  const pilotRegions = (req: Request, state: VersionState): string[] | undefined => {
    const raw = (req.body as { pilotRegions?: unknown } | undefined)?.pilotRegions;
    if (state !== 'trial') return undefined;
    if (!Array.isArray(raw) || raw.length === 0 || !raw.every((r) => typeof r === 'string' && cities.has(r))) {
      throw problem(422, '试运行需要选择试点地区', { errors: [{ path: '/pilotRegions', message: '请选择一个或多个有效的试点地区' }] });
    }
    return [...new Set(raw as string[])].sort();
  };

  router.get('/bundles/:id/versions', requireUser, async (req, res) => {
    res.json((await ctx.store.listVersions(String(req.params.id))).filter((v) => maySeeVersion(req.auth!.user, v)).map(versionView));
  });

  const newState = (req: Request): 'trial' | 'published' => {
    const state = (req.body as { state?: unknown } | undefined)?.state;
    if (state !== 'trial' && state !== 'published')
      throw problem(422, `新版本的状态应为${stateLabel('trial')}或${stateLabel('published')}`, {
        errors: [{ path: '/state', message: '应为 trial 或 published' }],
      });
    return state;
  };

  /** A publish request's key, scoped to the user (a double click sends the same key). */
  const requestKey = (req: Request): string | undefined => {
    const key = req.get('idempotency-key');
    if (key === undefined) return undefined;
    if (!/^[A-Za-z0-9._:-]{1,100}$/.test(key)) throw problem(400, 'Idempotency-Key 应为 1–100 个字母、数字或 . _ : -');
    return createHash('sha256').update(`${req.auth!.user.username}\n${key}`).digest('base64url');
  };

  router.post('/bundles/:id/versions/preview', requireUser, requireRole('admin'), async (req, res) => {
    newState(req);
    const plan = await planPublish(ctx, String(req.params.id));
    const preview: PublishPreview = {
      bundleId: plan.bundle.id,
      version: plan.bundle.version,
      changes: plan.changes,
      diagnostics: plan.province.diagnostics.filter((d) => d.severity !== 'info'),
      cities: cityImpact(ctx, plan),
    };
    res.json(preview);
  });

  router.post('/bundles/:id/versions', requireUser, requireRole('admin'), async (req, res) => {
    const state = newState(req);
    const key = requestKey(req);
    const created = await publishDraft(ctx, {
      bundleId: String(req.params.id),
      state,
      pilots: pilotRegions(req, state) ?? [],
      actor: req.auth!.user,
      ...(key ? { requestKey: key } : {}),
    });
    ctx.metrics.published(`bundle-${created.state}`);
    res.status(201).json(versionView(created));
  });

  router.post('/bundles/:id/versions/:version/state', requireUser, requireRole('admin'), async (req, res) => {
    const id = String(req.params.id);
    const number = Number(req.params.version);
    const state = (req.body as { state?: unknown } | undefined)?.state as VersionState;
    if (!VERSION_STATES.includes(state))
      throw problem(422, `状态应为${STATES_TEXT}之一`, { errors: [{ path: '/state', message: `应为 ${VERSION_STATES.join('、')}` }] });
    const current = Number.isInteger(number) ? await ctx.store.getVersion(id, number) : null;
    if (!current) throw problem(404, `没有一件事「${id}」的第 ${String(req.params.version)} 版`);
    if (!canMove(current.state, state))
      throw problem(409, `第 ${number} 版当前为「${stateLabel(current.state)}」，不能改为「${stateLabel(state)}」`);
    const updated = (await ctx.store.setVersionState({
      bundleId: id,
      version: number,
      state,
      pilotRegions: pilotRegions(req, state),
      actor: req.auth!.user,
    })) as BundleVersion;
    ctx.runtime.update(updated);
    res.json(versionView(updated));
  });

  router.get('/audit', requireUser, requireRole('admin'), async (req, res) => {
    const limit = Math.min(200, Math.max(1, Number(req.query.limit ?? 50) || 50));
    const before = req.query.before === undefined ? undefined : Number(req.query.before);
    if (before !== undefined && !Number.isInteger(before)) throw problem(400, 'before 应为整数');
    res.json(await ctx.store.listAudit(before === undefined ? { limit } : { limit, before }));
  });

  return router;
}
