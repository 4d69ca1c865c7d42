/**
 * Documents of the studio: list, read, create, update with If-Match (a stale write gets
 * 412 with the current revision; nothing is overwritten), and compile a draft without saving.
 */
import { Router, type Request } from 'express';
import {
  assembleDefinitions,
  catalogChanges,
  compileDraft,
  namesIn,
  compileForRegion,
  documentId,
  documentRef,
  documentRegion,
  documentTitle,
  DOCUMENT_LABELS,
  documentOwnProblems,
  normalizeText,
  validateDocument,
  variantFor,
  versionInEffect,
  type Bundle,
  type DefinitionsView,
  type DocumentKind,
  type RevisionView,
  type User,
  type Variant,
} from '../../schemas/index.ts';
import { requireUser } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { problem } from '../http/problem.ts';
import type { StoredDocument } from '../store/store.ts';
import { documentKindParam } from './params.ts';
import { kindRefusal, mayRead, mayReadDocument, maySeeVersion, seesProvinceDrafts, setsPattern, writeRefusal } from './permissions.ts';
import { patternProblems, patternsIn } from './pattern-safety.ts';
import { documentView, versionRecord, versionView } from './views.ts';
import { baseOfVariant, variantProblems } from './variant-routes.ts';

const revTag = (doc: StoredDocument) => `"${doc.rev}"`;

/** How many revisions a document's history shows (with the one before them, to say what changed). */
const REVISIONS_SHOWN = 50;

/** Refuses a body that is not a valid document of `kind` (422 with each field's problem). */
function validated(kind: DocumentKind, body: unknown, stored?: unknown): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw problem(400, '文档应为 JSON 对象');
  const invalid = validateDocument(kind, body, kind);
  // what a document gets wrong on its own (承诺 ≤ 法定, a rule's operations, a pattern that backtracks) is refused as it is typed;
  // the patterns the stored revision already has were decided when it was saved
  const problems: { path: string; message: string }[] = invalid.length
    ? invalid
    : [...documentOwnProblems(kind, body), ...patternProblems(body, undefined, patternsIn(stored))];
  if (problems.length) {
    const more = problems.length > 1 ? `（共 ${problems.length} 处）` : '';
    throw problem(422, `${DOCUMENT_LABELS[kind]}未保存：${problems[0]!.message}${more}`, {
      errors: problems.map((p) => ({ path: p.path, message: p.message })),
    });
  }
}

/** Document routes, mounted at /api/studio. */
export function documentRoutes(ctx: AppContext): Router {
  const router = Router();
  router.use(requireUser);
  // what officials type is stored normalised (NFC): the same name typed two ways is one name
  router.use((req, _res, next) => {
    if (req.method === 'POST' || req.method === 'PUT') req.body = normalizeText(req.body);
    next();
  });

  router.param('kind', documentKindParam);

  /** The drafts `user` may compile with: their own region's and the province's (another city's matters are unknown to them). */
  const visibleDefinitions = async (user: User) =>
    assembleDefinitions((await ctx.drafts.documents()).filter((d) => mayReadDocument(user, d.kind, d.region)));

  /** Only province admins author patterns; a variant that breaks a provincial guardrail is refused, with the diagnostics the studio showed. */
  const guarded = async (req: Request, kind: DocumentKind, body: unknown) => {
    const user = req.auth!.user;
    if (user.role !== 'admin' && setsPattern(kind, body)) throw problem(403, '只有省级管理员可以设置格式规则（正则表达式）');
    if (kind !== 'variant') return;
    const diagnostics = variantProblems(ctx, await visibleDefinitions(user), body as Variant, 'save');
    if (diagnostics.length)
      throw problem(422, '地方版本违反省级约束，未保存', {
        diagnostics,
        errors: diagnostics.map((d) => ({ path: d.path, message: d.message })),
      });
  };

  /** A city makes a variant only of a bundle in effect or on trial in the city. */
  const inEffectForCity = (user: User, kind: DocumentKind, body: unknown) => {
    if (kind !== 'variant' || seesProvinceDrafts(user)) return;
    const bundleId = (body as Variant).bundle;
    if (!versionInEffect(ctx.runtime.versionsOf(bundleId), user.region)) {
      const city = ctx.regions.find((r) => r.code === user.region)?.name ?? user.region;
      throw problem(409, `一件事「${bundleId}」在${city}没有在用或试运行的版本，不能创建地方版本`);
    }
  };

  router.get('/definitions', async (req, res) => {
    const user = req.auth!.user;
    const documents = (await ctx.store.currentDocuments()).filter((d) => mayReadDocument(user, d.kind, d.region)).map(documentView);
    const versions = (await ctx.store.listVersions()).filter((v) => maySeeVersion(user, v)).map(versionView);
    const view: DefinitionsView = { documents, versions, regions: ctx.regions };
    // a city works from the versions in effect there, with what it actually serves
    if (!seesProvinceDrafts(user))
      view.served = ctx.runtime.bundleIds().flatMap((id) => {
        const v = versionInEffect(ctx.runtime.versionsOf(id), user.region);
        return v ? [{ ...versionRecord(v), servingVersion: ctx.runtime.find(user.region, id)?.compiled.version ?? null }] : [];
      });
    res.json(view);
  });

  router.get('/documents/:kind', async (req, res) => {
    const user = req.auth!.user;
    res.json((await ctx.store.listDocuments(req.documentKind!)).filter((d) => mayReadDocument(user, d.kind, d.region)));
  });

  router.get('/documents/:kind/:id', async (req, res) => {
    const kind = req.documentKind!;
    const doc = await ctx.store.getDocument(kind, String(req.params.id));
    if (!doc) throw problem(404, `没有文档 ${documentRef(kind, String(req.params.id))}`);
    if (!mayRead(req.auth!.user, doc.region)) throw problem(403, '不能查看其他地区的文档');
    if (!mayReadDocument(req.auth!.user, kind, doc.region)) throw problem(403, '设区市用户查看的是本市在用的版本，不是省级草稿');
    res.setHeader('ETag', revTag(doc));
    res.json(documentView(doc));
  });

  /** The last revisions of a document, newest first, each with what changed in words. */
  router.get('/documents/:kind/:id/revisions', async (req, res) => {
    const kind = req.documentKind!;
    const id = String(req.params.id);
    const doc = await ctx.store.getDocument(kind, id);
    if (!doc) throw problem(404, `没有文档 ${documentRef(kind, id)}`);
    if (!mayReadDocument(req.auth!.user, kind, doc.region)) throw problem(403, '不能查看其他地区的文档');
    const first = Math.max(1, doc.rev - REVISIONS_SHOWN);
    const revisions = await ctx.store.getRevisions(Array.from({ length: doc.rev - first + 1 }, (_, i) => ({ kind, id, rev: first + i })));
    const defs = await visibleDefinitions(req.auth!.user);
    const names = namesIn(defs);
    const view: RevisionView[] = revisions.slice(1).map((r, i) => ({
      rev: r.rev,
      updatedAt: r.updatedAt,
      updatedBy: r.updatedBy,
      changes: catalogChanges(kind, revisions[i]!.body, r.body, names),
    }));
    if (first === 1 && revisions[0])
      view.unshift({ rev: 1, updatedAt: revisions[0].updatedAt, updatedBy: revisions[0].updatedBy, changes: [] });
    res.json(view.reverse());
  });

  router.post('/documents/:kind', async (req, res) => {
    const kind = req.documentKind!;
    const never = kindRefusal(req.auth!.user, kind);
    if (never) throw problem(403, never);
    validated(kind, req.body);
    const id = documentId(kind, req.body);
    const region = documentRegion(kind, req.body);
    const existing = await ctx.store.getDocument(kind, id);
    const refusal = writeRefusal(req.auth!.user, kind, region, existing ? existing.region : undefined);
    if (refusal) throw problem(403, refusal);
    inEffectForCity(req.auth!.user, kind, req.body);
    await guarded(req, kind, req.body);
    const actor = req.auth!.user;
    const result = await ctx.store.putDocument({ kind, id, body: req.body, region, expectedRev: null, actor, action: 'create' });
    if (!result.ok)
      throw problem(
        409,
        `${DOCUMENT_LABELS[kind]}「${documentTitle(kind, result.current?.body ?? req.body)}」已存在（标识 ${id}），请换一个标识，或打开已有的修改`,
        {
          current: result.current ? documentView(result.current) : null,
        },
      );
    ctx.drafts.invalidate();
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
    const never = kindRefusal(req.auth!.user, kind);
    if (never) throw problem(403, never);
    const current = await ctx.store.getDocument(kind, id);
    validated(kind, req.body, current?.body);
    if (documentId(kind, req.body) !== id)
      throw problem(422, '文档内的标识与地址中的标识不一致', {
        errors: [{ path: kind === 'matter' ? '/code' : '/id', message: `应为「${id}」` }],
      });
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
    ctx.drafts.invalidate();
    res.setHeader('ETag', revTag(result.doc));
    res.json(documentView(result.doc));
  });

  router.post('/compile', async (req, res) => {
    const { bundle, variant, region } = (req.body ?? {}) as { bundle?: unknown; variant?: unknown; region?: unknown };
    const user = req.auth!.user;
    if (bundle === undefined && variant === undefined)
      throw problem(422, '请提供要编译的一件事或地方版本', { errors: [{ path: '/bundle', message: '缺少 bundle 或 variant' }] });
    // who may compile for where is decided before the bodies are validated: a refused request costs no validation
    const variantRegion = (variant as { region?: unknown } | null | undefined)?.region;
    const target = typeof region === 'string' ? region : variant !== undefined ? variantRegion : user.region;
    if (typeof target !== 'string' || !ctx.regions.some((r) => r.code === target))
      throw problem(422, '请选择有效的行政区划', { errors: [{ path: '/region', message: `没有行政区划「${String(target)}」` }] });
    if (user.role !== 'admin' && target !== user.region) throw problem(403, '只能编译本地区的版本');
    if (bundle !== undefined) validated('bundle', bundle);
    if (variant !== undefined) validated('variant', variant);
    const defs = await visibleDefinitions(user);
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
