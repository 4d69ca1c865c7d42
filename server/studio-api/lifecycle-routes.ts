/**
 * Bundle lifecycle: draft → trial (pilot regions) → published → retired, by the table of
 * schemas/lifecycle.ts. A version is an immutable snapshot of the draft with the catalog
 * revisions it was compiled against and its artifacts for every region; a draft with error
 * diagnostics is never published.
 */
import { Router, type Request } from 'express';
import {
  applyVariant,
  assembleDefinitions,
  canMove,
  diffCompiled,
  hasErrors,
  pinsOf,
  stateLabel,
  VERSION_STATES,
  type Bundle,
  type Definitions,
  type VersionState,
} from '../../schemas/index.ts';
import { requireRole, requireUser } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { problem } from '../http/problem.ts';
import { compileArtifacts } from '../publish/artifacts.ts';
import type { BundleVersion } from '../store/store.ts';
import { versionView } from './views.ts';

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
    res.json((await ctx.store.listVersions(String(req.params.id))).map(versionView));
  });

  router.post('/bundles/:id/versions', requireUser, requireRole('admin'), async (req, res) => {
    const id = String(req.params.id);
    const state = (req.body as { state?: unknown } | undefined)?.state;
    if (state !== 'trial' && state !== 'published')
      throw problem(422, `新版本的状态应为${stateLabel('trial')}或${stateLabel('published')}`, {
        errors: [{ path: '/state', message: '应为 trial 或 published' }],
      });
    const pilots = pilotRegions(req, state);
    const draft = await ctx.store.getDocument('bundle', id);
    if (!draft) throw problem(404, `没有一件事「${id}」`);
    const existing = await ctx.store.listVersions(id);
    const version = (existing.at(-1)?.version ?? 0) + 1;
    const bundle = { ...(draft.body as Bundle), version };
    // publishing takes the catalog as it is now, and pins it
    const documents = await ctx.drafts.documents();
    const defs = assembleDefinitions(documents);
    const { artifacts, province } = compileArtifacts(
      defs,
      bundle,
      ctx.regions.map((r) => r.code),
    );
    if (hasErrors(province.diagnostics)) {
      throw problem(422, '一件事存在错误诊断，修正后才能提交试运行或发布', {
        diagnostics: province.diagnostics.filter((d) => d.severity === 'error'),
      });
    }
    // cities decide in their variant whether they take part in trial runs of this bundle
    const participants = pilots ? withCityChoices(defs, bundle, pilots) : [];
    // the audit log records what changed in business terms, the same diff the studio shows
    const previous = existing.at(-1) ? ctx.runtime.artifact(bundle.region, id, existing.at(-1)!.version) : undefined;
    const changes = previous ? diffCompiled(previous.compiled, province) : [];
    const actor = req.auth!.user;
    const created = await ctx.store.createVersion({
      version: {
        bundleId: id,
        version,
        state,
        pilotRegions: participants,
        body: bundle,
        pins: pinsOf(documents),
        createdBy: actor.username,
      },
      artifacts,
      actor,
      changes,
    });
    ctx.runtime.update(created, artifacts);
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
