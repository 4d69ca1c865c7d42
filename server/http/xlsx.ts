/**
 * Excel workbooks out (exceljs): sheets written with a bold, frozen header, and the names they
 * download as. Uploads are read as a stream, within hard caps, off the event loop (xlsx-read.ts,
 * workbook-upload.ts).
 */
import type { Sheet } from '../../schemas/index.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `Content-Disposition` of a download named `name` (Chinese kept for browsers, ASCII `fallback` for the rest). */
export function attachment(fallback: string, name: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** A workbook of `sheets`, each with a bold frozen header and columns wide enough to read. */
export async function workbookOf(sheets: readonly Sheet[], widths: (sheet: Sheet, column: number) => number = () => 16): Promise<Buffer> {
  // loaded with the first download: a third of a second of every start, for a workbook most starts never write
  const { default: ExcelJS } = await import('exceljs');
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
