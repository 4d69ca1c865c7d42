/**
 * City variants on the server: guardrails checked on every save (a variant that breaks
 * one is refused with its diagnostics), the province's view of every city × bundle
 * (up to date / behind / conflicting), and the version bodies the rebase panel needs.
 */
import { Router } from 'express';
import {
  compileDraft,
  latestLiveVersion,
  rebaseVariant,
  variantBase,
  type Bundle,
  type Definitions,
  type Diagnostic,
  type Variant,
  type VariantStatus,
} from '../../schemas/index.ts';
import { requireUser } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { problem } from '../http/problem.ts';
import { mayRead, maySeeVersion } from './permissions.ts';
import { versionRecord } from './views.ts';

/** The provincial bundle a variant of `bundleId` builds on (the one rule of schemas/drafts.ts). */
export function baseOfVariant(ctx: AppContext, defs: Definitions, bundleId: string): Bundle | undefined {
  const versions = ctx.runtime.versionsOf(bundleId).map((v) => ({ ...v, body: v.body as Bundle }));
  return variantBase(
    versions,
    defs.bundles.find((b) => b.id === bundleId),
  );
}

/**
 * Guardrail diagnostics of a variant against its base: every error of the city's compile
 * that the province's base does not have comes from the variant (a refused operation, a
 * matter of another city, a matter made required that the province's answers can exclude);
 * for a release, also the 用例 whose outcome changed and was not yet re-recorded.
 */
export function variantProblems(ctx: AppContext, defs: Definitions, variant: Variant, use: 'save' | 'release'): Diagnostic[] {
  const base = baseOfVariant(ctx, defs, variant.bundle);
  const compiled = compileDraft(defs, { kind: 'variant', body: variant }, base);
  const key = (d: Diagnostic) => `${d.code}|${d.document}|${d.path}`;
  const inBase = new Set(base ? compileDraft(defs, { kind: 'bundle', body: base }).diagnostics.map(key) : []);
  // a changed 用例 does not stop a save (the city re-records it in the draft); it stops the release
  const blocks = (d: Diagnostic) => d.severity === 'error' && (use === 'release' || d.code !== 'case.changed');
  return compiled.diagnostics.filter((d) => blocks(d) && (d.document === `variant:${variant.id}` || !inBase.has(key(d))));
}

/** Variant routes, mounted at /api/studio. */
export function variantRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/bundles/:id/versions/:version', requireUser, async (req, res) => {
    const v = await ctx.store.getVersion(String(req.params.id), Number(req.params.version));
    if (!v || !maySeeVersion(req.auth!.user, v))
      throw problem(404, `没有一件事「${String(req.params.id)}」的第 ${String(req.params.version)} 版`);
    res.json(versionRecord(v));
  });

  router.get('/variants/status', requireUser, async (req, res) => {
    const user = req.auth!.user;
    const documents = (await ctx.drafts.documents()).filter((d) => d.kind === 'variant' && mayRead(user, d.region));
    const released = new Map((await ctx.store.latestReleases('variant')).map((r) => [r.id, r]));
    const rows = documents.map((doc): VariantStatus => {
      const release = released.get(doc.id);
      // the public serves what the city published; the draft may be ahead of it
      const variant = (release?.body ?? doc.body) as Variant;
      const versions = ctx.runtime.versionsOf(variant.bundle).filter((v) => v.state !== 'retired');
      const latest = latestLiveVersion(versions);
      const previous = versions.find((v) => v.version === variant.baseVersion)?.body as Bundle | undefined;
      const conflicts = latest && release ? rebaseVariant(variant, previous, latest.body as Bundle).conflicts : 0;
      const behind = latest !== undefined && variant.baseVersion < latest.version;
      return {
        id: doc.id,
        bundle: variant.bundle,
        region: variant.region,
        baseVersion: variant.baseVersion,
        latestVersion: latest?.version ?? null,
        servingVersion: ctx.runtime.find(variant.region, variant.bundle)?.compiled.version ?? null,
        status: conflicts ? 'conflicting' : behind ? 'behind' : 'up-to-date',
        conflicts,
        release: release?.release ?? null,
        draftRev: doc.rev,
        unpublished: release?.rev !== doc.rev,
      };
    });
    res.json(rows);
  });

  return router;
}
