/**
 * Documents of the studio: list, read, create, update with If-Match (a stale write gets
 * 412 with the current revision; nothing is overwritten), and compile a draft without saving.
 */
import { Router, type Request } from 'express';
import {
  compileDraft,
  compileForRegion,
  documentId,
  documentRef,
  documentRegion,
  validateDocument,
  variantFor,
  type Bundle,
  type DocumentKind,
  type Variant,
} from '../../schemas/index.ts';
import { requireUser } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { problem } from '../http/problem.ts';
import { artifactFor, definitionsOfVersion } from '../publish/artifacts.ts';
import type { StoredDocument } from '../store/store.ts';
import { documentKindParam } from './params.ts';
import { mayRead, setsPattern, writeRefusal } from './permissions.ts';
import { documentView, versionView } from './views.ts';
import { baseOfVariant, variantProblems } from './variant-routes.ts';

const revTag = (doc: StoredDocument) => `"${doc.rev}"`;

/** Refuses a body that is not a valid document of `kind` (422 with each field's problem). */
function validated(kind: DocumentKind, body: unknown): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw problem(400, '文档应为 JSON 对象');
  const problems = validateDocument(kind, body, kind);
  if (problems.length) throw problem(422, '文档格式不符合规范', { errors: problems.map((p) => ({ path: p.path, message: p.message })) });
}

/** Document routes, mounted at /api/studio. */
export function documentRoutes(ctx: AppContext): Router {
  const router = Router();
  router.use(requireUser);

  router.param('kind', documentKindParam);

  /** Only province admins author patterns; a variant that breaks a provincial guardrail is refused, with the diagnostics the studio showed. */
  const guarded = async (req: Request, kind: DocumentKind, body: unknown) => {
    if (req.auth!.user.role !== 'admin' && setsPattern(kind, body)) throw problem(403, '只有省级管理员可以设置格式规则（正则表达式）');
    if (kind !== 'variant') return;
    const diagnostics = variantProblems(ctx, await ctx.drafts.get(), body as Variant);
    if (diagnostics.length)
      throw problem(422, '地方版本违反省级约束，未保存', {
        diagnostics,
        errors: diagnostics.map((d) => ({ path: d.path, message: d.message })),
      });
  };

  /** After a write: refresh the drafts; a changed variant re-serves its city on every live version, on that version's pinned catalog. */
  const afterWrite = async (doc: StoredDocument) => {
    ctx.drafts.invalidate();
    if (doc.kind !== 'variant') return;
    const variant = doc.body as Variant;
    const current = await ctx.drafts.documents();
    for (const v of ctx.runtime.versionsOf(variant.bundle).filter((x) => x.state !== 'retired')) {
      const artifact = artifactFor(await definitionsOfVersion(ctx.store, v, current), v.body as Bundle, variant.region);
      // a variant that does not apply keeps the city's last good artifact
      if (artifact.variantStatus === 'ok') {
        await ctx.store.putArtifacts([artifact]);
        ctx.runtime.update(v, [artifact]);
      }
    }
  };

  router.get('/definitions', async (req, res) => {
    const user = req.auth!.user;
    const documents = (await ctx.store.currentDocuments()).filter((d) => mayRead(user, d.region)).map(documentView);
    const versions = (await ctx.store.listVersions()).map(versionView);
    res.json({ documents, versions, regions: ctx.regions });
  });

  router.get('/documents/:kind', async (req, res) => {
    const user = req.auth!.user;
    res.json((await ctx.store.listDocuments(req.documentKind!)).filter((d) => mayRead(user, d.region)));
  });

  router.get('/documents/:kind/:id', async (req, res) => {
    const kind = req.documentKind!;
    const doc = await ctx.store.getDocument(kind, String(req.params.id));
    if (!doc) throw problem(404, `没有文档 ${documentRef(kind, String(req.params.id))}`);
    if (!mayRead(req.auth!.user, doc.region)) throw problem(403, '不能查看其他地区的文档');
    res.setHeader('ETag', revTag(doc));
    res.json(documentView(doc));
  });

  router.post('/documents/:kind', async (req, res) => {
    const kind = req.documentKind!;
    validated(kind, req.body);
    const id = documentId(kind, req.body);
    const region = documentRegion(kind, req.body);
    const existing = await ctx.store.getDocument(kind, id);
    const refusal = writeRefusal(req.auth!.user, kind, region, existing ? existing.region : undefined);
    if (refusal) throw problem(403, refusal);
    await guarded(req, kind, req.body);
    const actor = req.auth!.user;
    const result = await ctx.store.putDocument({ kind, id, body: req.body, region, expectedRev: null, actor, action: 'create' });
    if (!result.ok)
      throw problem(409, `文档 ${documentRef(kind, id)} 已存在，请改为更新`, {
        current: result.current ? documentView(result.current) : null,
      });
    await afterWrite(result.doc);
    res
      .status(201)
      .setHeader('ETag', revTag(result.doc))
      .setHeader('Location', `/api/studio/documents/${kind}/${encodeURIComponent(id)}`);
    res.json(documentView(result.doc));
  });

  router.put('/documents/:kind/:id', async (req, res) => {
    const kind = req.documentKind!;
    const id = String(req.params.id);
    const ifMatch = req.get('if-match');
    if (!ifMatch) throw problem(428, '更新文档需要 If-Match 请求头（当前版本的 ETag），以免覆盖他人的修改');
    const expected = /^"([1-9][0-9]*)"$/.exec(ifMatch.trim());
    if (!expected) throw problem(412, 'If-Match 不是本文档的版本标记');
    validated(kind, req.body);
    if (documentId(kind, req.body) !== id)
      throw problem(422, '文档内的标识与地址中的标识不一致', {
        errors: [{ path: kind === 'matter' ? '/code' : '/id', message: `应为「${id}」` }],
      });
    const current = await ctx.store.getDocument(kind, id);
    if (!current) throw problem(404, `没有文档 ${documentRef(kind, id)}`);
    const region = documentRegion(kind, req.body);
    if (!mayRead(req.auth!.user, current.region)) throw problem(403, '不能修改其他地区的文档');
    const refusal = writeRefusal(req.auth!.user, kind, region, current.region);
    if (refusal) throw problem(403, refusal);
    await guarded(req, kind, req.body);
    const actor = req.auth!.user;
    const result = await ctx.store.putDocument({
      kind,
      id,
      body: req.body,
      region,
      expectedRev: Number(expected[1]),
      actor,
      action: 'update',
    });
    if (!result.ok) {
      res.setHeader('ETag', result.current ? revTag(result.current) : '');
      throw problem(
        412,
        `文档已被 ${result.current?.updatedBy ?? '他人'} 于 ${result.current?.updatedAt ?? ''} 修改，请查看最新内容后再保存`,
        { current: result.current ? documentView(result.current) : null },
      );
    }
    await afterWrite(result.doc);
    res.setHeader('ETag', revTag(result.doc));
    res.json(documentView(result.doc));
  });

  router.post('/compile', async (req, res) => {
    const { bundle, variant, region } = (req.body ?? {}) as { bundle?: unknown; variant?: unknown; region?: unknown };
    const user = req.auth!.user;
    if (bundle === undefined && variant === undefined)
      throw problem(422, '请提供要编译的一件事或地方版本', { errors: [{ path: '/bundle', message: '缺少 bundle 或 variant' }] });
    if (bundle !== undefined) validated('bundle', bundle);
    if (variant !== undefined) validated('variant', variant);
    const target = typeof region === 'string' ? region : variant !== undefined ? (variant as Variant).region : user.region;
    if (!ctx.regions.some((r) => r.code === target))
      throw problem(422, '请选择有效的行政区划', { errors: [{ path: '/region', message: `没有行政区划「${target}」` }] });
    if (user.role !== 'admin' && target !== user.region) throw problem(403, '只能编译本地区的版本');
    const defs = await ctx.drafts.get();
    if (variant !== undefined) {
      const v = variant as Variant;
      if (user.role !== 'admin' && v.region !== user.region) throw problem(403, '只能编译本地区的地方版本');
      // a variant compiles on the bundle given with it, else on the base every variant builds on
      return res.json(
        compileDraft(defs, { kind: 'variant', body: v }, (bundle as Bundle | undefined) ?? baseOfVariant(ctx, defs, v.bundle)),
      );
    }
    const b = bundle as Bundle;
    // a province draft, or how it would look in a city with that city's variant
    res.json(
      target === b.region
        ? compileDraft(defs, { kind: 'bundle', body: b })
        : compileForRegion(defs, b, target, variantFor(defs, b.id, target)),
    );
  });

  return router;
}
