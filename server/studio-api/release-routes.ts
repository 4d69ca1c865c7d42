/**
 * Releases of documents with a lifecycle of their own (the working-day calendar): the
 * official edits the draft like any document, then publishes it here. The runtime takes
 * the new release at once: every live bundle version plans with it from then on.
 */
import { Router } from 'express';
import { DOCUMENT_LABELS, documentRef, RELEASED_KINDS, validateDocument, type ReleaseView } from '../../schemas/index.ts';
import { requireRole, requireUser } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { problem } from '../http/problem.ts';
import type { Release } from '../store/store.ts';
import { documentKindParam } from './params.ts';

const view = ({ body: _body, ...release }: Release): ReleaseView => release;

/** Release routes, mounted at /api/studio. */
export function releaseRoutes(ctx: AppContext): Router {
  const router = Router();
  router.param('kind', documentKindParam);
  router.param('kind', (req, _res, next) => {
    const kind = req.documentKind!;
    if (!RELEASED_KINDS.has(kind)) return next(problem(404, `${DOCUMENT_LABELS[kind]}没有单独的发布`));
    next();
  });

  router.get('/documents/:kind/:id/releases', requireUser, async (req, res) => {
    res.json(await ctx.store.listReleases(req.documentKind!, String(req.params.id)));
  });

  router.post('/documents/:kind/:id/releases', requireUser, requireRole('admin'), async (req, res) => {
    const kind = req.documentKind!;
    const id = String(req.params.id);
    const draft = await ctx.store.getDocument(kind, id);
    if (!draft) throw problem(404, `没有文档 ${documentRef(kind, id)}`);
    const problems = validateDocument(kind, draft.body, kind);
    if (problems.length)
      throw problem(422, `${DOCUMENT_LABELS[kind]}草稿不符合规范，不能发布`, {
        errors: problems.map((p) => ({ path: p.path, message: p.message })),
      });
    const release = await ctx.store.releaseDocument({ kind, id, actor: req.auth!.user });
    if (!release) throw problem(409, `${DOCUMENT_LABELS[kind]}自上次发布以来没有修改，无需再次发布`);
    if (kind === 'calendar') ctx.runtime.setCalendar(release);
    res.status(201).json(view(release));
  });

  return router;
}
