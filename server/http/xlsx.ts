/**
 * Excel workbooks in and out (exceljs): sheets written with a bold, frozen header; an upload
 * read back into plain cells within hard caps — what it inflates to (counted while inflating:
 * a small .xlsx can declare anything and inflate to gigabytes), and its sheets, rows, columns
 * and cells, counted as they are read. Uploads are read off the event loop (workbook-upload.ts).
 */
import ExcelJS from 'exceljs';
import type { Sheet } from '../../schemas/index.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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
