/**
 * An uploaded workbook read as a stream: each part is inflated chunk by chunk (zip-inflation.ts)
 * into a SAX parser, and shared strings, rows, columns and cells are counted as they arrive, so
 * the first row past a cap stops the read — nothing is built first and measured after. The parts
 * are read in the order the reading needs (workbook, styles, shared strings, then each sheet),
 * whatever order the ZIP stores them in; a part no sheet needs is never inflated. The XML parser
 * expands no entity beyond XML's own five and fetches nothing. Runs in a worker (workbook-upload.ts).
 */
import { SaxesParser } from 'saxes';
import type { Cell, Sheet } from '../../schemas/index.ts';
import { inflateEntry, NOT_A_WORKBOOK, UploadRefusal, zipEntries, type InflateBudget, type ZipEntry } from './zip-inflation.ts';

/** What an uploaded workbook may hold: more is refused (413), naming the cap. */
export interface WorkbookCaps {
  /** Bytes its parts inflate to, all together. */
  inflatedBytes: number;
  sheets: number;
  /** Rows of one sheet, header included. */
  rows: number;
  columns: number;
  /** Cells of all sheets together, each sheet counted as its rows × its widest row. */
  cells: number;
  sharedStrings: number;
}

export const WORKBOOK_CAPS: Readonly<WorkbookCaps> = {
  inflatedBytes: 32 * 1024 * 1024,
  sheets: 10,
  rows: 50_000,
  columns: 60,
  cells: 1_000_000,
  sharedStrings: 200_000,
};

type Open = (name: string, attributes: Record<string, string>) => void;

/** Parses one part as it inflates; `open`, `text` and `close` see names without their namespace prefix. */
async function readPart(
  zip: Buffer,
  entry: ZipEntry,
  budget: InflateBudget,
  on: { open?: Open; text?: (text: string) => void; close?: (name: string) => void },
): Promise<void> {
  const parser = new SaxesParser({ position: false });
  const local = (name: string) => name.slice(name.indexOf(':') + 1);
  if (on.open) parser.on('opentag', (tag) => on.open!(local(tag.name), tag.attributes as Record<string, string>));
  if (on.text) {
    parser.on('text', on.text);
    parser.on('cdata', on.text);
  }
  if (on.close) parser.on('closetag', (tag) => on.close!(local(tag.name)));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of inflateEntry(zip, entry, budget)) parser.write(decoder.decode(chunk, { stream: true }));
    parser.write(decoder.decode());
    parser.close();
  } catch (error) {
    throw error instanceof UploadRefusal ? error : new UploadRefusal(422, NOT_A_WORKBOOK);
  }
}

/** Excel's built-in number formats that show a date. */
const DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58]);

/** Whether a custom number format shows a date: a d, m or y outside quotes, brackets and escapes, and not only time. */
function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dy]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare));
}

/** A date serial as YYYY-MM-DD (the 1900 system counts from 1899-12-30, past Excel's phantom 1900-02-29). */
function serialDate(serial: number, date1904: boolean): string {
  const base = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(base + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

/** The column a cell reference names (A → 1, BH → 60), or 0 without one. */
function columnOf(ref: string | undefined): number {
  let n = 0;
  for (const ch of ref ?? '') {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + code - 64;
    if (n > 16_384) break;
  }
  return n;
}

/** The workbook's sheets in order (name and part), whether it counts dates from 1904. */
async function readWorkbookPart(zip: Buffer, parts: Map<string, ZipEntry>, budget: InflateBudget, caps: WorkbookCaps) {
  const part = (name: string) => {
    const entry = parts.get(name);
    if (!entry) throw new UploadRefusal(422, NOT_A_WORKBOOK);
    return entry;
  };
  const sheets: { name: string; id: string }[] = [];
  let date1904 = false;
  await readPart(zip, part('xl/workbook.xml'), budget, {
    open: (name, a) => {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name !== 'sheet') return;
      if (sheets.length >= caps.sheets) throw new UploadRefusal(413, `工作簿最多 ${caps.sheets} 张工作表`);
      sheets.push({ name: a.name ?? '', id: a['r:id'] ?? '' });
    },
  });
  const targets = new Map<string, string>();
  await readPart(zip, part('xl/_rels/workbook.xml.rels'), budget, {
    open: (name, a) => {
      if (name === 'Relationship' && a.Id && a.Target) targets.set(a.Id, a.Target);
    },
  });
  return {
    date1904,
    sheets: sheets.map((s) => {
      const target = targets.get(s.id) ?? '';
      return { name: s.name, entry: part(target.startsWith('/') ? target.slice(1) : `xl/${target}`) };
    }),
  };
}

/** Which cell styles show dates (by their index in cellXfs). */
async function readDateStyles(zip: Buffer, entry: ZipEntry | undefined, budget: InflateBudget): Promise<Set<number>> {
  const dates = new Set<number>();
  if (!entry) return dates;
  const custom = new Map<number, string>();
  let inCellXfs = false;
  let index = 0;
  await readPart(zip, entry, budget, {
    open: (name, a) => {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        if (DATE_FORMATS.has(id) || (custom.has(id) && isDateFormat(custom.get(id)!))) dates.add(index);
        index++;
      }
    },
    close: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return dates;
}

/** The shared strings, counted as they arrive; a phonetic guide (rPh) is not part of the text. */
async function readSharedStrings(zip: Buffer, entry: ZipEntry | undefined, budget: InflateBudget, caps: WorkbookCaps): Promise<string[]> {
  const strings: string[] = [];
  if (!entry) return strings;
  let current = '';
  let inText = false;
  let inPhonetic = false;
  await readPart(zip, entry, budget, {
    open: (name) => {
      if (name === 'si') {
        if (strings.length >= caps.sharedStrings) throw new UploadRefusal(413, `工作簿的不同文字超过 ${caps.sharedStrings} 项，请分批导入`);
        current = '';
      } else if (name === 't') inText = true;
      else if (name === 'rPh') inPhonetic = true;
    },
    text: (text) => {
      if (inText && !inPhonetic) current += text;
    },
    close: (name) => {
      if (name === 'si') strings.push(current);
      else if (name === 't') inText = false;
      else if (name === 'rPh') inPhonetic = false;
    },
  });
  return strings;
}

/** The cells of the sheets read so far, against the caps. */
interface Tally {
  cells: number;
}

/** One sheet's rows as plain cells: every row and cell counted against the caps as it arrives. */
async function readSheet(
  zip: Buffer,
  sheet: { name: string; entry: ZipEntry },
  context: { budget: InflateBudget; caps: WorkbookCaps; strings: string[]; dates: Set<number>; date1904: boolean; tally: Tally },
): Promise<Sheet> {
  const { caps, strings, dates, date1904, tally } = context;
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let rowNumber = 0;
  let width = 0;
  let column = 0;
  let type = '';
  let style = 0;
  let value = '';
  let collecting = false;
  let inPhonetic = false;
  let arrived = 0;
  const cellValue = (): Cell => {
    if (type === 's') return strings[Number(value)] ?? null;
    if (type === 'str' || type === 'inlineStr') return value;
    if (type === 'b') return value === '1' ? '是' : '否';
    if (type === 'e' || value === '') return null;
    if (type === 'd') return value.slice(0, 10);
    const n = Number(value);
    if (!Number.isFinite(n)) return value;
    return dates.has(style) ? serialDate(n, date1904) : n;
  };
  await readPart(zip, sheet.entry, context.budget, {
    open: (name, a) => {
      if (name === 'row') {
        rowNumber = a.r ? Number(a.r) : rowNumber + 1;
        if (!Number.isInteger(rowNumber) || rowNumber > caps.rows)
          throw new UploadRefusal(413, `工作表「${sheet.name}」超过 ${caps.rows} 行，请分批导入`);
        row = [];
        column = 0;
      } else if (name === 'c') {
        column = columnOf(a.r) || column + 1;
        if (column > caps.columns) throw new UploadRefusal(413, `工作表「${sheet.name}」超过 ${caps.columns} 列`);
        if (tally.cells + ++arrived > caps.cells) throw new UploadRefusal(413, `工作簿的单元格超过 ${caps.cells} 个，请分批导入`);
        type = a.t ?? 'n';
        style = Number(a.s ?? 0);
        value = '';
      } else if (name === 'v' || name === 't') collecting = true;
      else if (name === 'rPh') inPhonetic = true;
    },
    text: (text) => {
      if (collecting && !inPhonetic) value += text;
    },
    close: (name) => {
      if (name === 'v' || name === 't') collecting = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'c') {
        const cell = cellValue();
        if (cell !== null) {
          while (row.length < column - 1) row.push(null);
          row[column - 1] = cell;
          width = Math.max(width, column);
        }
      } else if (name === 'row') rows[rowNumber - 1] = row;
    },
  });
  // every row as wide as the widest, each counted: a sheet of one far cell cannot pad into millions
  tally.cells += Math.max(arrived, rows.length * width);
  if (tally.cells > caps.cells) throw new UploadRefusal(413, `工作簿的单元格超过 ${caps.cells} 个，请分批导入`);
  const padded = Array.from(rows, (r = []) => (r.length < width ? [...r, ...Array<Cell>(width - r.length).fill(null)] : r));
  const [header = [], ...body] = padded;
  return { name: sheet.name, header: header.map((h) => (h === null ? '' : String(h))), rows: body };
}

/**
 * The sheets of an uploaded workbook: header row and data rows as plain cells — text, numbers,
 * 是/否 for booleans, formulas by their cached result, dates as YYYY-MM-DD — within `caps`.
 * Throws UploadRefusal: 422 when it is not a workbook, 413 naming the cap it exceeds.
 */
export async function readWorkbook(zip: Buffer, caps: WorkbookCaps = WORKBOOK_CAPS): Promise<Sheet[]> {
  const parts = zipEntries(zip);
  const budget: InflateBudget = {
    left: caps.inflatedBytes,
    tooLarge: `工作簿解压后超过 ${caps.inflatedBytes / 1024 / 1024} MB，请分批导入`,
  };
  const { sheets, date1904 } = await readWorkbookPart(zip, parts, budget, caps);
  const dates = await readDateStyles(zip, parts.get('xl/styles.xml'), budget);
  const strings = await readSharedStrings(zip, parts.get('xl/sharedStrings.xml'), budget, caps);
  const context = { budget, caps, strings, dates, date1904, tally: { cells: 0 } };
  const out: Sheet[] = [];
  for (const sheet of sheets) out.push(await readSheet(zip, sheet, context));
  return out;
}
