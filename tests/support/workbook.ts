/** Changing an exported workbook as an official does in Excel, for the import tests. */
import ExcelJS from 'exceljs';

/**
 * Sets one cell: the row is the `nth` whose first column is `code`, the column the one whose
 * header starts with `column`.
 */
export async function changeCell(
  file: Buffer,
  sheet: string,
  code: string,
  column: string,
  value: string | number,
  nth = 0,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as unknown as ArrayBuffer);
  const ws = book.getWorksheet(sheet)!;
  const col = (ws.getRow(1).values as unknown[]).findIndex((h) => typeof h === 'string' && h.startsWith(column));
  const rows: number[] = [];
  ws.eachRow((row, n) => {
    if (row.getCell(1).value === code) rows.push(n);
  });
  ws.getRow(rows[nth]!).getCell(col).value = value;
  return Buffer.from(await book.xlsx.writeBuffer());
}
