/**
 * Bundle lifecycle: draft → trial (pilot regions) → published → retired. A version is an
 * immutable snapshot of the draft with its artifacts for every region; a draft with error
 * diagnostics is never published.
 */
import { Router, type Request } from 'express';
import { applyVariant, diffCompiled, hasErrors, type Bundle, type Definitions } from '../../schemas/index.ts';
import { requireRole, requireUser } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { problem } from '../http/problem.ts';
import { compileArtifacts } from '../runtime/artifacts.ts';
import type { BundleVersion, VersionState } from '../store/store.ts';

const ALLOWED: Record<VersionState, VersionState[]> = { trial: ['trial', 'published', 'retired'], published: ['retired'], retired: [] };
const STATE_TEXT: Record<VersionState, string> = { trial: '试运行', published: '正式上线', retired: '已停用' };

/** Pilot regions after the cities' own choices (a `pilot` operation in their variant). */
function withCityChoices(defs: Definitions, bundle: Bundle, chosen: string[]): string[] {
  const out = new Set(chosen);
  for (const v of defs.variants.filter((x) => x.bundle === bundle.id)) {
    const choice = applyVariant(bundle, v).pilot;
    if (choice === true) out.add(v.region);
    if (choice === false) out.delete(v.region);
  }
  return [...out].sort();
}

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
    res.json((await ctx.store.listVersions(String(req.params.id))).map(({ body: _body, ...v }) => v));
  });

  router.post('/bundles/:id/versions', requireUser, requireRole('admin'), async (req, res) => {
    const id = String(req.params.id);
    const state = (req.body as { state?: unknown } | undefined)?.state;
    if (state !== 'trial' && state !== 'published')
      throw problem(422, '新版本的状态应为试运行或正式上线', { errors: [{ path: '/state', message: '应为 trial 或 published' }] });
    const pilots = pilotRegions(req, state);
    const draft = await ctx.store.getDocument('bundle', id);
    if (!draft) throw problem(404, `没有一件事「${id}」`);
    const existing = await ctx.store.listVersions(id);
    const version = (existing.at(-1)?.version ?? 0) + 1;
    const bundle = { ...(draft.body as Bundle), version };
    const defs = await ctx.definitions.get();
    const { artifacts, province } = compileArtifacts(
      defs,
      bundle,
      ctx.regions.map((r) => r.code),
    );
    // cities decide in their variant whether they take part in trial runs of this bundle
    const participants = pilots && withCityChoices(defs, bundle, pilots);
    if (hasErrors(province.diagnostics)) {
      throw problem(422, '一件事存在错误诊断，修正后才能提交试运行或发布', {
        diagnostics: province.diagnostics.filter((d) => d.severity === 'error'),
      });
    }
    // the audit log records what changed in business terms, the same diff the studio shows
    const previous = existing.at(-1) ? ctx.runtime.artifact(bundle.region, id, existing.at(-1)!.version) : undefined;
    const changes = previous ? diffCompiled(previous.compiled, province) : [];
    const created = await ctx.store.createVersion({
      version: { bundleId: id, version, state, pilotRegions: participants ?? [], body: bundle, createdBy: req.auth!.user.username },
      artifacts,
      actor: req.auth!.user,
      changes,
    });
    ctx.runtime.update(created, artifacts);
    const { body: _body, ...view } = created;
    res.status(201).json(view);
  });

  router.post('/bundles/:id/versions/:version/state', requireUser, requireRole('admin'), async (req, res) => {
    const id = String(req.params.id);
    const number = Number(req.params.version);
    const state = (req.body as { state?: unknown } | undefined)?.state as VersionState;
    if (!['trial', 'published', 'retired'].includes(state))
      throw problem(422, '状态应为试运行、正式上线或已停用', { errors: [{ path: '/state', message: '应为 trial、published 或 retired' }] });
    const current = Number.isInteger(number) ? await ctx.store.getVersion(id, number) : null;
    if (!current) throw problem(404, `没有一件事「${id}」的第 ${String(req.params.version)} 版`);
    if (!ALLOWED[current.state].includes(state))
      throw problem(409, `第 ${number} 版当前为「${STATE_TEXT[current.state]}」，不能改为「${STATE_TEXT[state]}」`);
    const updated = (await ctx.store.setVersionState({
      bundleId: id,
      version: number,
      state,
      pilotRegions: pilotRegions(req, state),
      actor: req.auth!.user,
    })) as BundleVersion;
    ctx.runtime.update(updated);
    const { body: _body, ...view } = updated;
    res.json(view);
  });

  router.get('/audit', requireUser, requireRole('admin'), async (req, res) => {
    const limit = Math.min(200, Math.max(1, Number(req.query.limit ?? 50) || 50));
    const before = req.query.before === undefined ? undefined : Number(req.query.before);
    if (before !== undefined && !Number.isInteger(before)) throw problem(400, 'before 应为整数');
    res.json(await ctx.store.listAudit(before === undefined ? { limit } : { limit, before }));
  });

  return router;
}
