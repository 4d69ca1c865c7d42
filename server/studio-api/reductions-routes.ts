/**
 * The four-reductions dashboard's data: every bundle in effect in every region, per
 * scenario, before and after — as JSON for the studio, and as CSV and Excel (.xlsx) for
 * officials' reports. Computed from the published artifacts the runtime already holds.
 */
import { Router, type Request } from 'express';
import { reductionCells, reductionRows, toCsv, type ReductionRow } from '../../schemas/index.ts';
import { requireUser } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { attachment, workbookOf, XLSX_TYPE } from '../http/xlsx.ts';

const FILE = '四减统计';

/** Reductions routes, mounted at /api/studio. */
export function reductionsRoutes(ctx: AppContext): Router {
  const router = Router();

  const rows = (): ReductionRow[] =>
    reductionRows(ctx.regions.flatMap((r) => ctx.runtime.inEffect(r.code).map((e) => ({ regionName: r.name, compiled: e.compiled }))));

  const disposition = (ext: string) => attachment(`reductions.${ext}`, `${FILE}.${ext}`);

  router.get('/reductions', requireUser, (_req, res) => {
    res.json({ rows: rows() });
  });

  router.get('/reductions.csv', requireUser, (_req, res) => {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', disposition('csv'));
    res.send(toCsv(reductionCells(rows())));
  });

  router.get('/reductions.xlsx', requireUser, async (_req: Request, res) => {
    const [header, ...body] = reductionCells(rows());
    const buffer = await workbookOf([{ name: FILE, header: header!.map(String), rows: body }], (_s, i) =>
      i < 4 ? [18, 10, 6, 16][i]! : 12,
    );
    res.setHeader('Content-Type', XLSX_TYPE);
    res.setHeader('Content-Disposition', disposition('xlsx'));
    res.send(buffer);
  });

  return router;
}
