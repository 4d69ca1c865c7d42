/**
 * The matter catalog as an Excel workbook (事项 / 字段 / 材料): download what the official may
 * see; upload it back, changed. An upload is all or nothing: every problem is reported by
 * sheet, row and column (422) and nothing is written unless every row is valid, and the
 * matters are written in one transaction, each only if nobody saved it meanwhile. `?dryRun=1`
 * reports what would change and its impact without writing. A city's rows are its own
 * city-local matters.
 */
import express, { Router } from 'express';
import {
  assembleDefinitions,
  catalogIndex,
  catalogChanges,
  catalogSheets,
  documentRegion,
  impactSteps,
  matterProblems,
  namesIn,
  sheetPlace,
  sortSheetProblems,
  stableStringify,
  validateDocument,
  type CatalogImportReport,
  type Matter,
  type SheetProblem,
} from '../../schemas/index.ts';
import { requireUser } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { problem } from '../http/problem.ts';
import { runSliced, timeSlicer } from '../http/time-slice.ts';
import { readUpload } from '../http/workbook-upload.ts';
import { attachment, workbookOf, XLSX_TYPE } from '../http/xlsx.ts';
import { UploadRefusal } from '../http/zip-inflation.ts';
import { CATALOG_UPLOAD, type CatalogUpload } from './catalog-upload.ts';
import { mayReadDocument, setsPattern, writeRefusal } from './permissions.ts';

/** The largest workbook accepted. */
const MAX_UPLOAD = '5mb';

const WIDTHS: Record<string, number> = {
  事项名称: 30,
  设立依据: 60,
  实施主体: 24,
  办理地点: 30,
  '受理条件（JSON）': 40,
  '限定（JSON）': 40,
};

/** Catalog spreadsheet routes, mounted at /api/studio. */
export function catalogRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/catalog/matters.xlsx', requireUser, async (req, res) => {
    const user = req.auth!.user;
    const docs = (await ctx.drafts.documents()).filter((d) => mayReadDocument(user, d.kind, d.region));
    const defs = assembleDefinitions(docs);
    const matters = [...defs.matters].sort((a, b) => a.code.localeCompare(b.code));
    const buffer = await workbookOf(catalogSheets(matters, namesIn(defs)), (s, i) => WIDTHS[s.header[i]!] ?? 14);
    res.setHeader('Content-Type', XLSX_TYPE);
    res.setHeader('Content-Disposition', attachment('matters.xlsx', '事项目录.xlsx'));
    res.setHeader('Cache-Control', 'no-store');
    res.send(buffer);
  });

  router.post('/catalog/matters.xlsx', requireUser, express.raw({ type: () => true, limit: MAX_UPLOAD }), async (req, res) => {
    const user = req.auth!.user;
    if (user.role === 'viewer') throw problem(403, '只读用户不能导入事项');
    if (!req.is(XLSX_TYPE)) throw problem(415, `请上传 Excel 工作簿（.xlsx，Content-Type: ${XLSX_TYPE}）`);
    const upload = req.body as Buffer;
    if (!Buffer.isBuffer(upload) || upload.length === 0) throw problem(422, '上传的文件不是有效的 Excel 工作簿（.xlsx）');
    // read in a worker thread within hard caps: the runtime keeps answering while a workbook is read
    const read = await readUpload<CatalogUpload>(upload, CATALOG_UPLOAD).catch((error: unknown) => {
      throw error instanceof UploadRefusal ? problem(error.status, error.message) : error;
    });
    const problems: SheetProblem[] = [...read.problems];
    const docs = (await ctx.drafts.documents()).filter((d) => mayReadDocument(user, d.kind, d.region));
    const defs = assembleDefinitions(docs);
    const names = namesIn(defs);
    const planned: { matter: Matter; expectedRev: number | null; action: 'create' | 'update' | 'unchanged'; changes: string[] }[] = [];
    // a document problem at a cell that could not be read (or at its row as a whole) repeats that cell's problem
    const unreadable = (p: Omit<SheetProblem, 'message'>) =>
      read.problems.some((q) => q.sheet === p.sheet && q.row === p.row && (q.column === p.column || !p.column));
    // references resolve against the catalog as it would be after the import
    const imported = new Set(read.matters.map((m) => m.code));
    const index = catalogIndex({ ...defs, matters: [...defs.matters.filter((m) => !imported.has(m.code)), ...read.matters] });
    // checked in slices: the runtime answers between them
    const slice = timeSlicer();
    for (const m of read.matters) {
      await slice();
      const origin = read.origins.get(m.code)!;
      const at = (path: string, message: string) => problems.push({ ...sheetPlace(origin, path), message });
      const current = await ctx.store.getDocument('matter', m.code);
      // another city's matter is neither described nor changed: the report says no more than GET would
      if (current && !mayReadDocument(user, 'matter', current.region)) {
        at('/code', `${m.code}：不存在或无权修改`);
        continue;
      }
      // a city's list is its own: its new rows are the city's local matters (the province's rows come along unchanged)
      if (user.role === 'city-editor' && m.region === undefined && !current) m.region = user.region;
      const action = !current ? 'create' : stableStringify(current.body) === stableStringify(m) ? 'unchanged' : 'update';
      planned.push({
        matter: m,
        expectedRev: current?.rev ?? null,
        action,
        changes: action === 'update' ? catalogChanges('matter', current!.body, m, names) : [],
      });
      if (action === 'unchanged') continue;
      const refusal = writeRefusal(user, 'matter', documentRegion('matter', m), current ? current.region : undefined);
      if (refusal) at('/code', `${m.code}：${refusal}`);
      else if (user.role !== 'admin' && setsPattern('matter', m)) at('/fields', '只有省级管理员可以设置格式规则（正则表达式）');
      // every sheet's problems at once; what an unreadable cell caused is said once, at the cell
      // the patterns were put to the ReDoS checker in the upload's worker
      const invalid = [...validateDocument('matter', m, 'matter'), ...(read.patterns.get(m.code) ?? [])];
      for (const p of invalid) if (!unreadable(sheetPlace(origin, p.path))) at(p.path, p.message);
      if (invalid.length) continue;
      for (const d of matterProblems(m, index)) if (d.severity === 'error' || d.code === 'matter.dependency-unknown') at(d.path, d.message);
    }
    sortSheetProblems(problems);
    const changed = planned.filter((p) => p.action !== 'unchanged');
    const report: CatalogImportReport = {
      dryRun: true,
      matters: planned.map((p) => ({ code: p.matter.code, name: p.matter.name, action: p.action, changes: p.changes })),
      problems,
      impact: problems.length
        ? []
        : await runSliced(
            impactSteps(
              defs,
              changed.map((p) => ({ kind: 'matter' as const, id: p.matter.code, body: p.matter as unknown as Record<string, unknown> })),
            ),
            slice,
          ),
    };
    if (problems.length)
      throw problem(422, `导入未完成：共 ${problems.length} 处问题，没有修改任何事项`, {
        errors: problems.map((p) => ({
          path: `/${p.sheet}/${p.row}/${p.column}`,
          message: `「${p.sheet}」第 ${p.row} 行「${p.column}」：${p.message}`,
        })),
        report,
      });
    if (req.query.dryRun === '1' || !changed.length) {
      res.json(report);
      return;
    }
    const written = await ctx.store.putDocuments(
      changed.map((p) => ({
        kind: 'matter',
        id: p.matter.code,
        body: p.matter,
        region: documentRegion('matter', p.matter),
        expectedRev: p.expectedRev,
      })),
      user,
    );
    if (!written.ok) throw problem(409, `导入期间这些事项被他人修改：${written.moved.join('、')}；没有修改任何事项，请重新导出后再导入`);
    ctx.drafts.invalidate();
    res.json({ ...report, dryRun: false });
  });

  return router;
}
