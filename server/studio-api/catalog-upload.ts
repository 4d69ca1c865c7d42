/**
 * The catalog import's reading of an uploaded workbook, run in the upload's worker thread
 * (readUpload): the text normalised, the matter cap checked on the rows before any matter is
 * built, the matters read with their origins and the problems found, and each matter's authored
 * patterns put to the ReDoS checker — so the event loop receives matters, not a million cells,
 * and never waits on the checker.
 */
// the modules themselves, not the schemas' index: the worker starts with no more code than it runs
import { readCatalogSheets, SHEET_NAMES, type Sheet } from '../../schemas/catalog-sheets.ts';
import { normalizeText } from '../../schemas/plain-text.ts';
import { UploadRefusal } from '../http/zip-inflation.ts';
import { patternProblems } from './pattern-safety.ts';

/** The most matters one import may hold. */
export const MAX_MATTERS = 2000;

/** What the worker hands back: the sheets' reading, and each matter's unsafe patterns by its code. */
export type CatalogUpload = ReturnType<typeof readCatalogSheets> & { patterns: Map<string, ReturnType<typeof patternProblems>> };

/** The matters the workbook holds, their origins, the problems reading them and their patterns' risks; 413 past the matter cap. */
export function readSheets(sheets: Sheet[]): CatalogUpload {
  // a row with a code is a matter
  const rows = sheets.find((s) => s.name === SHEET_NAMES.matters)?.rows ?? [];
  if (rows.filter((r) => r[0] !== null && r[0] !== '').length > MAX_MATTERS)
    throw new UploadRefusal(413, `一次最多导入 ${MAX_MATTERS} 个事项`);
  const read = readCatalogSheets(normalizeText(sheets));
  return { ...read, patterns: new Map(read.matters.map((m) => [m.code, patternProblems(m)])) };
}

export const CATALOG_UPLOAD = new URL(import.meta.url);
