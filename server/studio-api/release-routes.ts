/**
 * Releases of documents with a lifecycle of their own. Officials edit a draft like any
 * document, then publish it here, and the runtime takes the release at once:
 * - the working-day calendar and the 政策参数 (administrators): every live bundle version
 *   plans and judges with them at once (a parameter a live rule names cannot be taken away);
 * - a city's variant (that city's editors, or administrators): guardrails are checked again
 *   on the province's current base, then the city's artifacts are compiled anew;
 * - a city's own matter (likewise): the city's artifacts that use it are compiled anew.
 */
import { Router, type Request } from 'express';
import {
  assembleDefinitions,
  DOCUMENT_LABELS,
  documentRef,
  isReleased,
  documentOwnProblems,
  logicParameters,
  POLICY_KINDS,
  validateDocument,
  type DocumentKind,
  type PolicyParameters,
  type Matter,
  type ReleaseView,
  type Variant,
} from '../../schemas/index.ts';
import { requireUser } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { problem } from '../http/problem.ts';
import { cityLayer, refreshCity } from '../publish/artifacts.ts';
import type { Release, StoredDocument } from '../store/store.ts';
import { documentKindParam } from './params.ts';
import { patternProblems } from './pattern-safety.ts';
import { mayReadDocument, writeRefusal } from './permissions.ts';
import { variantProblems } from './variant-routes.ts';

const view = ({ body: _body, ...release }: Release): ReleaseView => release;
const isPolicyKind = (kind: DocumentKind) => (POLICY_KINDS as readonly string[]).includes(kind);

/** Release routes, mounted at /api/studio. */
export function releaseRoutes(ctx: AppContext): Router {
  const router = Router();
  router.param('kind', documentKindParam);

  /** The draft a release path names, when the user may see it and it has releases of its own. */
  const draftOf = async (req: Request): Promise<StoredDocument> => {
    const kind = req.documentKind!;
    const id = String(req.params.id);
    const draft = await ctx.store.getDocument(kind, id);
    if (!draft) throw problem(404, `没有文档 ${documentRef(kind, id)}`);
    if (!mayReadDocument(req.auth!.user, kind, draft.region)) throw problem(403, '不能查看其他地区的文档');
    if (!isReleased(kind, draft.region))
      throw problem(404, kind === 'matter' ? '省级事项随一件事的版本发布，没有单独的发布' : `${DOCUMENT_LABELS[kind]}没有单独的发布`);
    return draft;
  };

  /** Who may publish: administrators, and a city's editors their own city's variants and matters. */
  const mayPublish = (req: Request, draft: StoredDocument) => {
    const user = req.auth!.user;
    const refusal = isPolicyKind(draft.kind)
      ? user.role === 'admin'
        ? null
        : `只有省级管理员可以发布${DOCUMENT_LABELS[draft.kind]}`
      : writeRefusal(user, draft.kind, draft.region, draft.region);
    if (refusal) throw problem(403, refusal);
  };

  /** A variant is published only within the guardrails of the province's current base. */
  const withinGuardrails = async (req: Request, draft: StoredDocument) => {
    if (draft.kind !== 'variant') return;
    const user = req.auth!.user;
    const defs = assembleDefinitions((await ctx.drafts.documents()).filter((d) => mayReadDocument(user, d.kind, d.region)));
    const diagnostics = variantProblems(ctx, defs, draft.body as Variant, 'release');
    if (diagnostics.length)
      throw problem(
        422,
        diagnostics.every((d) => d.code === 'case.changed')
          ? '用例的结果变了，确认新结果并重新记录后才能发布'
          : '地方版本违反省级约束，不能发布',
        {
          diagnostics,
          errors: diagnostics.map((d) => ({ path: d.path, message: d.message })),
        },
      );
  };

  /** Parameters are released only with every parameter a live rule depends on. */
  const parametersComplete = (draft: StoredDocument) => {
    if (draft.kind !== 'parameters') return;
    const body = draft.body as PolicyParameters;
    const names = new Set(body.parameters.map((p) => p.name));
    const missing = ctx.runtime.liveEntries().flatMap((e) =>
      e.compiled.rules.flatMap((r) =>
        logicParameters(r.logic)
          .filter((n) => !names.has(n))
          .map((n) => ({ n, e, r })),
      ),
    );
    if (missing.length) {
      const { n, e, r } = missing[0]!;
      throw problem(
        409,
        `在用的一件事「${e.compiled.name}」的规则「${r.message}」引用了政策参数「${n}」，不能删除；请先修改并发布该一件事`,
        {
          errors: [...new Set(missing.map((m) => m.n))].map((name) => ({
            path: '/parameters',
            message: `缺少在用规则引用的参数「${name}」`,
          })),
        },
      );
    }
  };

  /** What the release changes for the public. */
  const apply = async (release: Release) => {
    if (isPolicyKind(release.kind)) return ctx.runtime.setPolicy(release);
    if (release.kind === 'variant') {
      const variant = release.body as Variant;
      return refreshCity(ctx, variant.region, [variant.bundle]);
    }
    // a city's own matter: every bundle whose published variant in that city uses it
    const matter = release.body as Matter;
    const variants = (await cityLayer(ctx.store)).filter((d) => d.kind === 'variant' && (d.body as Variant).region === matter.region);
    const bundles = variants.map((d) => d.body as Variant).filter((v) => JSON.stringify(v.operations).includes(`"${matter.code}"`));
    await refreshCity(ctx, matter.region!, [...new Set(bundles.map((v) => v.bundle))]);
  };

  router.get('/documents/:kind/:id/releases', requireUser, async (req, res) => {
    const draft = await draftOf(req);
    res.json(await ctx.store.listReleases(draft.kind, draft.id));
  });

  router.post('/documents/:kind/:id/releases', requireUser, async (req, res) => {
    const draft = await draftOf(req);
    mayPublish(req, draft);
    const invalid = validateDocument(draft.kind, draft.body, draft.kind);
    const problems = invalid.length ? invalid : [...documentOwnProblems(draft.kind, draft.body), ...patternProblems(draft.body)];
    if (problems.length)
      throw problem(422, `${DOCUMENT_LABELS[draft.kind]}草稿不符合规范，不能发布`, {
        errors: problems.map((p) => ({ path: p.path, message: p.message })),
      });
    await withinGuardrails(req, draft);
    parametersComplete(draft);
    const release = await ctx.store.releaseDocument({ kind: draft.kind, id: draft.id, actor: req.auth!.user });
    if (!release) throw problem(409, `${DOCUMENT_LABELS[draft.kind]}自上次发布以来没有修改，无需再次发布`);
    await apply(release);
    ctx.metrics.published(release.kind);
    res.status(201).json(view(release));
  });

  return router;
}
