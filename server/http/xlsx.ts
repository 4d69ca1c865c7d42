/**
 * Excel workbooks in and out (exceljs): sheets written with a bold, frozen header; an upload
 * read back into plain cells within hard caps — what it inflates to (counted while inflating:
 * a small .xlsx can declare anything and inflate to gigabytes), and its sheets, rows, columns
 * and cells, counted as they are read. Uploads are read off the event loop (workbook-upload.ts).
 */
import ExcelJS from 'exceljs';
import type { Cell, Sheet } from '../../schemas/index.ts';
import { inflatedSize, UploadRefusal } from './zip-inflation.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What an uploaded workbook may hold: more is refused (413), naming the cap. */
export const WORKBOOK_CAPS = {
  /** Bytes it inflates to, all parts together. */
  inflatedBytes: 32 * 1024 * 1024,
  sheets: 10,
  /** Rows of one sheet, header included. */
  rows: 50_000,
  columns: 60,
  /** Cells of all sheets together. */
  cells: 1_000_000,
} as const;

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

/**
 * The sheets of an uploaded workbook: header row and data rows as plain cells, within `caps`.
 * Throws UploadRefusal: 422 when it is not a workbook, 413 naming the cap it exceeds. Each
 * sheet's width is read once (exceljs walks every row to find it), so reading is linear.
 */
export async function readWorkbook(buffer: Buffer, caps: typeof WORKBOOK_CAPS = WORKBOOK_CAPS): Promise<Sheet[]> {
  inflatedSize(buffer, caps.inflatedBytes, `工作簿解压后超过 ${caps.inflatedBytes / 1024 / 1024} MB，请分批导入`);
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new UploadRefusal(422, '上传的文件不是有效的 Excel 工作簿（.xlsx）');
  }
  if (book.worksheets.length > caps.sheets) throw new UploadRefusal(413, `工作簿最多 ${caps.sheets} 张工作表`);
  let cells = 0;
  return book.worksheets.map((ws) => {
    if (ws.rowCount > caps.rows) throw new UploadRefusal(413, `工作表「${ws.name}」超过 ${caps.rows} 行，请分批导入`);
    const columns = ws.columnCount;
    if (columns > caps.columns) throw new UploadRefusal(413, `工作表「${ws.name}」超过 ${caps.columns} 列`);
    cells += ws.rowCount * columns;
    if (cells > caps.cells) throw new UploadRefusal(413, `工作簿的单元格超过 ${caps.cells} 个，请分批导入`);
    const rows: Cell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, number) => {
      const values: Cell[] = [];
      for (let c = 1; c <= columns; c++) values.push(cellValue(row.getCell(c).value));
      rows[number - 1] = values;
    });
    const [header = [], ...body] = Array.from(rows, (r) => r ?? []);
    return { name: ws.name, header: header.map((h) => (h === null ? '' : String(h))), rows: body };
  });
}
