/**
 * Excel workbooks in and out (exceljs): sheets written with a bold, frozen header; an upload
 * read back into plain cells after its size is checked — a small .xlsx can inflate to
 * gigabytes (a zip bomb), so the uncompressed size its ZIP directory declares is bounded
 * before anything is unpacked.
 */
import ExcelJS from 'exceljs';
import type { Cell, Sheet } from '../../schemas/index.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The most an uploaded workbook may unpack to. */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

/** `Content-Disposition` of a download named `name` (Chinese kept for browsers, ASCII `fallback` for the rest). */
export function attachment(fallback: string, name: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** A workbook of `sheets`, each with a bold frozen header and columns wide enough to read. */
export async function workbookOf(sheets: readonly Sheet[], widths: (sheet: Sheet, column: number) => number = () => 16): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '一件事编排工作台';
  for (const s of sheets) {
    const sheet = book.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(s.header);
    sheet.getRow(1).font = { bold: true };
    for (const row of s.rows) sheet.addRow(row);
    s.header.forEach((_, i) => (sheet.getColumn(i + 1).width = widths(s, i)));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The total uncompressed size a ZIP's central directory declares, or null when it is not a ZIP. */
export function unpackedSize(zip: Buffer): number | null {
  const min = Math.max(0, zip.length - 65_557);
  let end = -1;
  for (let i = zip.length - 22; i >= min; i--)
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) return null;
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return null;
    total += zip.readUInt32LE(at + 24);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return total;
}

/** A cell's value as text or a number: rich text joined, formulas by their result, dates as YYYY-MM-DD. */
function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return null;
}

/** The sheets of an uploaded workbook: header row and data rows as plain cells. Throws when it is not a workbook. */
export async function readWorkbook(buffer: Buffer): Promise<Sheet[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  return book.worksheets.map((ws) => {
    const rows: Cell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, number) => {
      const cells: Cell[] = [];
      for (let c = 1; c <= ws.columnCount; c++) cells.push(cellValue(row.getCell(c).value));
      rows[number - 1] = cells;
    });
    const [header = [], ...body] = Array.from(rows, (r) => r ?? []);
    return { name: ws.name, header: header.map((h) => (h === null ? '' : String(h))), rows: body };
  });
}
