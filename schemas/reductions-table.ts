/**
 * The four reductions (四减) of every bundle in every region, as a table: fields to fill,
 * materials to hand in, working days, steps and visits — before (each matter on its own)
 * and after (one bundle), per scenario with every matter selected. One row shape for the
 * studio's dashboard, the CSV and the Excel export.
 */
import type { CompiledBundle, Reduction, Reductions } from './compiled-types.ts';

/** One scenario of one bundle in one region. */
export interface ReductionRow {
  bundleId: string;
  bundle: string;
  region: string;
  regionName: string;
  version: number;
  scenario: string;
  fields: Reduction;
  materials: Reduction;
  days: Reduction;
  steps: Reduction;
  visits: Reduction;
}

/** The reductions in column order, with their Chinese names. */
export const REDUCTION_COLUMNS: readonly { key: keyof Reductions; label: string }[] = [
  { key: 'fields', label: '填写字段' },
  { key: 'materials', label: '提交材料' },
  { key: 'days', label: '办理时限（工作日）' },
  { key: 'steps', label: '办理环节' },
  { key: 'visits', label: '跑动次数' },
];

/** The rows of the compiles served in each region. */
export function reductionRows(served: readonly { regionName: string; compiled: CompiledBundle }[]): ReductionRow[] {
  return served.flatMap(({ regionName, compiled }) =>
    compiled.scenarios.map((s) => ({
      bundleId: compiled.id,
      bundle: compiled.name,
      region: compiled.region,
      regionName,
      version: compiled.version,
      scenario: s.label,
      ...s.reductions,
    })),
  );
}

/** The table as text cells: a header row, then one row per scenario and region. */
export function reductionCells(rows: readonly ReductionRow[]): (string | number)[][] {
  const header = ['一件事', '地区', '版本', '办事情形', ...REDUCTION_COLUMNS.flatMap((c) => [`${c.label}（减前）`, `${c.label}（减后）`])];
  return [
    header,
    ...rows.map((r) => [
      r.bundle,
      r.regionName,
      r.version,
      r.scenario,
      ...REDUCTION_COLUMNS.flatMap((c) => [r[c.key].before, r[c.key].after]),
    ]),
  ];
}

/** What a spreadsheet reads as the start of a formula (OWASP, CSV injection): =, +, -, @, tab, CR. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * RFC 4180 CSV of the cells (CRLF lines, quotes doubled), with a BOM so that Excel reads it as
 * UTF-8. A text that a spreadsheet would run as a formula — a bundle named =HYPERLINK(…) — is
 * kept as text: a leading apostrophe, and quoted. Numbers stay numbers.
 */
export function toCsv(cells: readonly (readonly (string | number)[])[]): string {
  const cell = (v: string | number) => {
    if (typeof v === 'number') return String(v);
    const text = FORMULA_START.test(v) ? `'${v}` : v;
    return text === v && !/[",\r\n]/.test(v) ? v : `"${text.replace(/"/g, '""')}"`;
  };
  return `\uFEFF${cells.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
