/**
 * City variants on the server: guardrails checked on every save (a variant that breaks
 * one is refused with its diagnostics), the province's view of every city × bundle
 * (up to date / behind / conflicting), and the version bodies the rebase panel needs.
 */
import { Router } from 'express';
import { compileBundle, rebaseVariant, type Bundle, type Definitions, type Diagnostic, type Variant } from '../../schemas/index.ts';
import { requireUser } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { problem } from '../http/problem.ts';
import { mayRead } from './permissions.ts';

/** The provincial version a variant is checked against: the newest version not retired, else the draft. */
export function currentBase(ctx: AppContext, defs: Definitions, bundleId: string): Bundle | undefined {
  const version = ctx.runtime
    .versionsOf(bundleId)
    .filter((v) => v.state !== 'retired')
    .at(-1);
  return (version?.body as Bundle | undefined) ?? defs.bundles.find((b) => b.id === bundleId);
}

/** Guardrail diagnostics of a variant against the current base (errors attributed to the variant). */
export function variantProblems(ctx: AppContext, defs: Definitions, variant: Variant): Diagnostic[] {
  const base = currentBase(ctx, defs, variant.bundle);
  if (!base)
    return [
      {
        code: 'bundle.unknown',
        severity: 'error',
        document: `variant:${variant.id}`,
        path: '/bundle',
        message: `找不到一件事「${variant.bundle}」`,
      },
    ];
  const others = defs.variants.filter((v) => v.id !== variant.id && !(v.bundle === variant.bundle && v.region === variant.region));
  const compiled = compileBundle({ ...defs, bundles: [base], variants: [...others, variant] }, variant.bundle, variant.region);
  return compiled.diagnostics.filter(
    (d) => d.severity === 'error' && (d.document === `variant:${variant.id}` || d.code === 'matter.other-region'),
  );
}

/** Variant routes, mounted at /api/studio. */
export function variantRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/bundles/:id/versions/:version', requireUser, async (req, res) => {
    const v = await ctx.store.getVersion(String(req.params.id), Number(req.params.version));
    if (!v) throw problem(404, `没有一件事「${String(req.params.id)}」的第 ${String(req.params.version)} 版`);
    res.json(v);
  });

  router.get('/variants/status', requireUser, async (req, res) => {
    const defs = await ctx.definitions.get();
    const user = req.auth!.user;
    const rows = defs.variants
      .filter((v) => mayRead(user, v.region))
      .map((variant) => {
        const versions = ctx.runtime.versionsOf(variant.bundle).filter((v) => v.state !== 'retired');
        const latest = versions.at(-1);
        const previous = versions.find((v) => v.version === variant.baseVersion)?.body as Bundle | undefined;
        const rebase = latest ? rebaseVariant(variant, previous, latest.body as Bundle) : null;
        const serving = ctx.runtime.find(variant.region, variant.bundle)?.compiled.version ?? null;
        const status =
          !latest || variant.baseVersion >= latest.version
            ? rebase?.conflicts
              ? 'conflicting'
              : 'up-to-date'
            : rebase?.conflicts
              ? 'conflicting'
              : 'behind';
        return {
          id: variant.id,
          bundle: variant.bundle,
          region: variant.region,
          baseVersion: variant.baseVersion,
          latestVersion: latest?.version ?? null,
          servingVersion: serving,
          status,
          conflicts: rebase?.conflicts ?? 0,
        };
      });
    res.json(rows);
  });

  return router;
}
