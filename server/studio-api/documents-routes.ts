/**
 * Documents of the studio: list, read, create, update with If-Match (a stale write gets
 * 412 with the current revision; nothing is overwritten), and compile a draft without saving.
 */
import { Router, type Request } from 'express';
import { compileBundle, validateDocument, type Bundle, type Definitions, type Variant } from '../../schemas/index.ts';
import { requireUser } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { problem } from '../http/problem.ts';
import { artifactFor } from '../runtime/artifacts.ts';
import type { DocumentKind, StoredDocument } from '../store/store.ts';
import { mayRead, ownerRegion, writeRefusal } from './permissions.ts';
import { variantProblems } from './variant-routes.ts';

const KINDS: DocumentKind[] = ['dictionary', 'materials', 'calendar', 'matter', 'bundle', 'variant'];
const SINGLETONS = new Set<DocumentKind>(['dictionary', 'materials', 'calendar']);

function kindOf(req: Request): DocumentKind {
  const kind = String(req.params.kind) as DocumentKind;
  if (!KINDS.includes(kind)) throw problem(404, `没有文档类型「${kind}」，可选：${KINDS.join('、')}`);
  return kind;
}

/** The id a document body carries. */
function idOf(kind: DocumentKind, body: unknown): string {
  if (SINGLETONS.has(kind)) return kind;
  const b = body as { code?: unknown; id?: unknown };
  return String(kind === 'matter' ? b.code : b.id);
}

const revTag = (doc: StoredDocument) => `"${doc.rev}"`;

function view(doc: StoredDocument) {
  return {
    kind: doc.kind,
    id: doc.id,
    rev: doc.rev,
    region: doc.region,
    updatedAt: doc.updatedAt,
    updatedBy: doc.updatedBy,
    body: doc.body,
  };
}

/** Document routes, mounted at /api/studio. */
export function documentRoutes(ctx: AppContext): Router {
  const router = Router();
  router.use(requireUser);

  const validated = (kind: DocumentKind, body: unknown) => {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw problem(400, '文档应为 JSON 对象');
    const problems = validateDocument(kind, body, kind);
    if (problems.length) throw problem(422, '文档格式不符合规范', { errors: problems.map((p) => ({ path: p.path, message: p.message })) });
  };

  /** A variant that breaks a provincial guardrail is refused, with the diagnostics the studio showed. */
  const guarded = async (kind: DocumentKind, body: unknown) => {
    if (kind !== 'variant') return;
    const diagnostics = variantProblems(ctx, await ctx.definitions.get(), body as Variant);
    if (diagnostics.length)
      throw problem(422, '地方版本违反省级约束，未保存', {
        diagnostics,
        errors: diagnostics.map((d) => ({ path: d.path, message: d.message })),
      });
  };

  /** After a write: refresh definitions, and a changed variant refreshes its city's artifacts. */
  const afterWrite = async (doc: StoredDocument) => {
    ctx.definitions.invalidate();
    if (doc.kind !== 'variant') return;
    const variant = doc.body as Variant;
    const defs = await ctx.definitions.get();
    for (const v of ctx.runtime.versionsOf(variant.bundle).filter((x) => x.state !== 'retired')) {
      const artifact = artifactFor(defs, v.body as Bundle, variant.region);
      // a variant that does not apply keeps the city's last good artifact
      if (artifact.variantStatus === 'ok') {
        await ctx.store.putArtifacts([artifact]);
        ctx.runtime.update(v, [artifact]);
      }
    }
  };

  router.get('/definitions', async (req, res) => {
    const user = req.auth!.user;
    const documents = (await ctx.store.currentDocuments()).filter((d) => mayRead(user, d.region)).map(view);
    const versions = (await ctx.store.listVersions()).map(({ body: _body, ...v }) => v);
    res.json({ documents, versions, regions: ctx.regions });
  });

  router.get('/documents/:kind', async (req, res) => {
    const kind = kindOf(req);
    const user = req.auth!.user;
    res.json((await ctx.store.listDocuments(kind)).filter((d) => mayRead(user, d.region)));
  });

  router.get('/documents/:kind/:id', async (req, res) => {
    const kind = kindOf(req);
    const doc = await ctx.store.getDocument(kind, String(req.params.id));
    if (!doc) throw problem(404, `没有文档 ${kind}:${String(req.params.id)}`);
    if (!mayRead(req.auth!.user, doc.region)) throw problem(403, '不能查看其他地区的文档');
    res.setHeader('ETag', revTag(doc));
    res.json(view(doc));
  });

  router.post('/documents/:kind', async (req, res) => {
    const kind = kindOf(req);
    validated(kind, req.body);
    const id = idOf(kind, req.body);
    const region = ownerRegion(kind, req.body);
    const existing = await ctx.store.getDocument(kind, id);
    const refusal = writeRefusal(req.auth!.user, kind, region, existing ? existing.region : undefined);
    if (refusal) throw problem(403, refusal);
    await guarded(kind, req.body);
    const result = await ctx.store.putDocument({
      kind,
      id,
      body: req.body,
      region,
      expectedRev: null,
      actor: req.auth!.user,
      action: 'create',
    });
    if (!result.ok) throw problem(409, `文档 ${kind}:${id} 已存在，请改为更新`, { current: result.current ? view(result.current) : null });
    await afterWrite(result.doc);
    res
      .status(201)
      .setHeader('ETag', revTag(result.doc))
      .setHeader('Location', `/api/studio/documents/${kind}/${encodeURIComponent(id)}`);
    res.json(view(result.doc));
  });

  router.put('/documents/:kind/:id', async (req, res) => {
    const kind = kindOf(req);
    const id = String(req.params.id);
    const ifMatch = req.get('if-match');
    if (!ifMatch) throw problem(428, '更新文档需要 If-Match 请求头（当前版本的 ETag），以免覆盖他人的修改');
    const expected = /^"([1-9][0-9]*)"$/.exec(ifMatch.trim());
    if (!expected) throw problem(412, 'If-Match 不是本文档的版本标记');
    validated(kind, req.body);
    if (idOf(kind, req.body) !== id)
      throw problem(422, '文档内的标识与地址中的标识不一致', {
        errors: [{ path: kind === 'matter' ? '/code' : '/id', message: `应为「${id}」` }],
      });
    const current = await ctx.store.getDocument(kind, id);
    if (!current) throw problem(404, `没有文档 ${kind}:${id}`);
    const region = ownerRegion(kind, req.body);
    if (!mayRead(req.auth!.user, current.region)) throw problem(403, '不能修改其他地区的文档');
    const refusal = writeRefusal(req.auth!.user, kind, region, current.region);
    if (refusal) throw problem(403, refusal);
    await guarded(kind, req.body);
    const result = await ctx.store.putDocument({
      kind,
      id,
      body: req.body,
      region,
      expectedRev: Number(expected[1]),
      actor: req.auth!.user,
      action: 'update',
    });
    if (!result.ok) {
      res.setHeader('ETag', result.current ? revTag(result.current) : '');
      throw problem(
        412,
        `文档已被 ${result.current?.updatedBy ?? '他人'} 于 ${result.current?.updatedAt ?? ''} 修改，请查看最新内容后再保存`,
        { current: result.current ? view(result.current) : null },
      );
    }
    await afterWrite(result.doc);
    res.setHeader('ETag', revTag(result.doc));
    res.json(view(result.doc));
  });

  router.post('/compile', async (req, res) => {
    const { bundle, variant, region } = (req.body ?? {}) as { bundle?: unknown; variant?: unknown; region?: unknown };
    const user = req.auth!.user;
    const target = typeof region === 'string' ? region : user.region;
    if (!ctx.regions.some((r) => r.code === target))
      throw problem(422, '请选择有效的行政区划', { errors: [{ path: '/region', message: `没有行政区划「${target}」` }] });
    if (user.role !== 'admin' && target !== user.region) throw problem(403, '只能编译本地区的版本');
    const defs = await ctx.definitions.get();
    let scoped: Definitions = defs;
    let bundleId: string;
    if (bundle !== undefined) {
      validated('bundle', bundle);
      const b = bundle as Bundle;
      bundleId = b.id;
      scoped = { ...scoped, bundles: [...scoped.bundles.filter((x) => x.id !== b.id), b] };
    } else if (variant !== undefined) {
      validated('variant', variant);
      bundleId = (variant as Variant).bundle;
    } else throw problem(422, '请提供要编译的一件事或地方版本', { errors: [{ path: '/bundle', message: '缺少 bundle 或 variant' }] });
    if (variant !== undefined) {
      const v = variant as Variant;
      if (user.role !== 'admin' && v.region !== user.region) throw problem(403, '只能编译本地区的地方版本');
      scoped = {
        ...scoped,
        variants: [...scoped.variants.filter((x) => x.id !== v.id && !(x.bundle === v.bundle && x.region === v.region)), v],
      };
    }
    res.json(compileBundle(scoped, bundleId, target));
  });

  return router;
}
