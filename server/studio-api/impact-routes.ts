/**
 * Impact analysis before a save: `POST /impact` with a changed document answers, saving
 * nothing, every bundle × region it would change, the city adjustments that would stop
 * applying and the 用例 whose outcome would change. Only someone who may save the document
 * may ask, and only about what they may see.
 */
import { Router } from 'express';
import {
  assembleDefinitions,
  DOCUMENT_KINDS,
  documentId,
  documentRegion,
  impactOf,
  validateDocument,
  type DocumentKind,
  type ImpactReport,
} from '../../schemas/index.ts';
import { requireUser } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { problem } from '../http/problem.ts';
import { mayReadDocument, writeRefusal } from './permissions.ts';

/** Impact routes, mounted at /api/studio. */
export function impactRoutes(ctx: AppContext): Router {
  const router = Router();

  router.post('/impact', requireUser, async (req, res) => {
    const { kind, id, body } = (req.body ?? {}) as { kind?: unknown; id?: unknown; body?: unknown };
    if (typeof kind !== 'string' || !(DOCUMENT_KINDS as readonly string[]).includes(kind))
      throw problem(422, '请指明文档的种类', { errors: [{ path: '/kind', message: `应为 ${DOCUMENT_KINDS.join('、')} 之一` }] });
    const k = kind as DocumentKind;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw problem(400, '文档应为 JSON 对象');
    const problems = validateDocument(k, body, k);
    if (problems.length)
      throw problem(422, `文档有误：${problems[0]!.message}`, {
        errors: problems.map((p) => ({ path: `/body${p.path}`, message: p.message })),
      });
    if (typeof id !== 'string' || documentId(k, body) !== id)
      throw problem(422, '文档内的标识与 id 不一致', { errors: [{ path: '/id', message: `应为「${documentId(k, body)}」` }] });
    const user = req.auth!.user;
    const current = await ctx.store.getDocument(k, id);
    const refusal = writeRefusal(user, k, documentRegion(k, body), current ? current.region : undefined);
    if (refusal) throw problem(403, refusal);
    const defs = assembleDefinitions((await ctx.drafts.documents()).filter((d) => mayReadDocument(user, d.kind, d.region)));
    const report: ImpactReport = { kind: k, id, bundles: impactOf(defs, { kind: k, id, body: body as Record<string, unknown> }) };
    res.json(report);
  });

  return router;
}
