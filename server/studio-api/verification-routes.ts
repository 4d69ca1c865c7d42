/**
 * Checks before publishing: a bundle's 用例 as its draft now gives them, recording the
 * outcome an official accepts — the only way a changed case stops blocking a publish (the
 * server compiles and records, never the browser's word for an outcome, and the audit log
 * keeps who accepted which change) — and the simulation of every path through the bundle.
 * Province staff work on the draft; a city on its variant's draft, or the version in effect.
 */
import { Router } from 'express';
import {
  assembleDefinitions,
  compileDraft,
  compileForRegion,
  recordOutcomes,
  simulate,
  variantFor,
  type Bundle,
  type CaseList,
  type CaseResult,
  type CompiledBundle,
  type Definitions,
  type User,
  type Variant,
} from '../../schemas/index.ts';
import { requireUser } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { problem } from '../http/problem.ts';
import type { StoredDocument } from '../store/store.ts';
import { documentKindParam } from './params.ts';
import { mayRead, mayReadDocument, seesProvinceDrafts, writeRefusal } from './permissions.ts';
import { baseOfVariant } from './variant-routes.ts';
import { documentView } from './views.ts';

/** Verification routes (用例, simulation), mounted at /api/studio. */
export function verificationRoutes(ctx: AppContext): Router {
  const router = Router();
  router.param('kind', documentKindParam);

  const visibleDefinitions = async (user: User): Promise<Definitions> =>
    assembleDefinitions((await ctx.drafts.documents()).filter((d) => mayReadDocument(user, d.kind, d.region)));

  /** The cases of a document's draft, as its compile reruns them, with the province's cases a variant inherits. */
  const casesOf = (defs: Definitions, doc: StoredDocument): { results: CaseResult[]; province: Bundle['cases'] } => {
    if (doc.kind === 'bundle') {
      const bundle = doc.body as Bundle;
      return { results: compileDraft(defs, { kind: 'bundle', body: bundle }).cases, province: bundle.cases ?? [] };
    }
    const variant = doc.body as Variant;
    const base = baseOfVariant(ctx, defs, variant.bundle);
    return { results: compileDraft(defs, { kind: 'variant', body: variant }, base).cases, province: base?.cases ?? [] };
  };

  /** The bundle as `user` works on it: the province's draft; a city's variant draft, or the version in effect there. */
  const compiledFor = async (user: User, id: string): Promise<CompiledBundle> => {
    const defs = await visibleDefinitions(user);
    if (seesProvinceDrafts(user)) {
      const draft = await ctx.store.getDocument('bundle', id);
      if (!draft) throw problem(404, `没有一件事「${id}」`);
      return compileDraft(defs, { kind: 'bundle', body: draft.body as Bundle });
    }
    const variant = variantFor(defs, id, user.region);
    if (variant) return compileDraft(defs, { kind: 'variant', body: variant }, baseOfVariant(ctx, defs, id));
    const served = ctx.runtime.find(user.region, id);
    if (!served) throw problem(404, `一件事「${id}」在本市没有在用的版本`);
    return compileForRegion(defs, served.version.body as Bundle, user.region);
  };

  router.get('/bundles/:id/cases', requireUser, async (req, res) => {
    const compiled = await compiledFor(req.auth!.user, String(req.params.id));
    const list: CaseList = { bundleId: compiled.id, region: compiled.region, cases: compiled.cases };
    res.json(list);
  });

  router.get('/bundles/:id/simulation', requireUser, async (req, res) => {
    res.json(simulate(await compiledFor(req.auth!.user, String(req.params.id))));
  });

  router.post('/documents/:kind/:id/cases/record', requireUser, async (req, res) => {
    const kind = req.documentKind!;
    const id = String(req.params.id);
    if (kind !== 'bundle' && kind !== 'variant') throw problem(404, '只有一件事和地方版本有用例');
    const ifMatch = /^"([1-9][0-9]*)"$/.exec(req.get('if-match')?.trim() ?? '');
    if (!ifMatch) throw problem(428, '记录用例结果需要 If-Match 请求头（当前版本的 ETag），以免覆盖他人的修改');
    const ids = (req.body as { cases?: unknown } | undefined)?.cases;
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 50 || !ids.every((x) => typeof x === 'string' && x.length <= 40))
      throw problem(422, '请指明要重新记录的用例', { errors: [{ path: '/cases', message: '应为 1 到 50 个用例标识' }] });
    const user = req.auth!.user;
    const current = await ctx.store.getDocument(kind, id);
    if (!current || !mayRead(user, current.region)) throw problem(404, `没有这个${kind === 'bundle' ? '一件事' : '地方版本'}`);
    const refusal = writeRefusal(user, kind, current.region, current.region);
    if (refusal) throw problem(403, refusal);
    const { results, province } = casesOf(await visibleDefinitions(user), current);
    const now = new Date().toISOString();
    const recorded = recordOutcomes(current.body as Bundle | Variant, province ?? [], results, ids as string[], user.username, now);
    if (recorded.unknown.length)
      throw problem(422, `没有用例「${recorded.unknown.join('、')}」`, {
        errors: recorded.unknown.map((x) => ({ path: '/cases', message: `没有用例「${x}」` })),
      });
    const result = await ctx.store.putDocument({
      kind,
      id,
      body: recorded.doc,
      region: current.region,
      expectedRev: Number(ifMatch[1]),
      actor: user,
      action: 'record-cases',
    });
    if (!result.ok) {
      res.setHeader('ETag', result.current ? `"${result.current.rev}"` : '');
      throw problem(412, `文档已被 ${result.current?.updatedBy ?? '他人'} 修改，请查看最新内容后再记录`, {
        current: result.current ? documentView(result.current) : null,
      });
    }
    ctx.drafts.invalidate();
    res.setHeader('ETag', `"${result.doc.rev}"`);
    res.json(documentView(result.doc));
  });

  return router;
}
