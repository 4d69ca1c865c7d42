import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readWorkbook, WORKBOOK_CAPS } from '../../../server/http/xlsx-read.ts';
import { bookOf, MAIN, REL, zipOf } from '../../support/zip.ts';

/**
 * The streaming workbook reader: what Excel stores comes back as plain cells, and every cap is
 * counted as the part inflates — the first row, cell or string past a cap stops the read before
 * the rest of the part is even looked at.
 */

const sheetOf = (rows: string) => `<worksheet ${MAIN}><sheetData>${rows}</sheetData></worksheet>`;

describe('reading an uploaded workbook as a stream', () => {
  it('reads what Excel stores: shared and inline text, rich text, numbers, booleans, formula results, dates, gaps', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('事项');
    sheet.addRow(['编码', '名称', '数量', '是否', '公式', '日期', '富文本']);
    sheet.addRow([
      'A-1',
      '失业登记',
      12.5,
      true,
      { formula: 'C2*2', result: 25 },
      new Date(Date.UTC(2026, 11, 8)),
      { richText: [{ text: '退休' }, { text: '一件事', font: { bold: true } }] },
    ]);
    sheet.getCell('A4').value = '隔一行';
    sheet.getCell('G4').value = '末列';
    book.addWorksheet('字段').addRow(['只有表头']);
    const sheets = await readWorkbook(Buffer.from(await book.xlsx.writeBuffer()));
    expect(sheets.map((s) => s.name)).toEqual(['事项', '字段']);
    expect(sheets[0]!.header).toEqual(['编码', '名称', '数量', '是否', '公式', '日期', '富文本']);
    expect(sheets[0]!.rows).toEqual([
      ['A-1', '失业登记', 12.5, '是', 25, '2026-12-08', '退休一件事'],
      [null, null, null, null, null, null, null],
      ['隔一行', null, null, null, null, null, '末列'],
    ]);
    expect(sheets[1]).toEqual({ name: '字段', header: ['只有表头'], rows: [] });
  });

  it('reads inline strings, skips phonetic guides and resolves an absolute sheet target', async () => {
    const zip = zipOf({
      'xl/workbook.xml': `<workbook ${MAIN} ${REL}><sheets><sheet name="表" r:id="a"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships><Relationship Id="a" Target="/xl/worksheets/x.xml"/></Relationships>`,
      'xl/worksheets/x.xml': sheetOf(
        `<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t><rPh><t>めいしょう</t></rPh></is></c><c r="B1" t="b"><v>0</v></c></row>`,
      ),
    });
    expect(await readWorkbook(zip)).toEqual([{ name: '表', header: ['名称', '否'], rows: [] }]);
  });

  it('stops at the first row past the cap, before the rest of the part is read', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `<row r="${i + 1}"><c t="inlineStr"><is><t>x</t></is></c></row>`).join('');
    // what follows the 11th row is not even XML: the read must end on the row, not on the break
    const zip = bookOf(sheetOf(rows).replace('</sheetData>', '<<<broken'));
    await expect(readWorkbook(zip, { ...WORKBOOK_CAPS, rows: 10 })).rejects.toMatchObject({
      status: 413,
      message: '工作表「事项」超过 10 行，请分批导入',
    });
    await expect(readWorkbook(zip)).rejects.toMatchObject({ status: 422 });
  });

  it('counts columns, cells and shared strings as they arrive', async () => {
    const wide = bookOf(sheetOf(`<row r="1"><c r="BI1" t="inlineStr"><is><t>x</t></is></c></row><<<broken`));
    await expect(readWorkbook(wide)).rejects.toMatchObject({ status: 413, message: `工作表「事项」超过 ${WORKBOOK_CAPS.columns} 列` });
    const many = bookOf(sheetOf(`<row r="1"><c/><c/><c/><c/></row><<<broken`));
    await expect(readWorkbook(many, { ...WORKBOOK_CAPS, cells: 3 })).rejects.toMatchObject({
      status: 413,
      message: '工作簿的单元格超过 3 个，请分批导入',
    });
    const strings = bookOf(sheetOf(''), ['a', 'b', 'c']);
    await expect(readWorkbook(strings, { ...WORKBOOK_CAPS, sharedStrings: 2 })).rejects.toMatchObject({
      status: 413,
      message: '工作簿的不同文字超过 2 项，请分批导入',
    });
    // one far cell pads its sheet: counted as rows × width, not as the one cell it stores
    const sparse = bookOf(sheetOf(`<row r="1"><c r="BH1"><v>1</v></c></row><row r="40000"><c r="A40000"><v>1</v></c></row>`));
    await expect(readWorkbook(sparse, { ...WORKBOOK_CAPS, cells: 1_000_000 })).rejects.toMatchObject({ status: 413 });
  });

  it('expands no entity of its own: a billion-laughs document is refused at once as not a workbook', async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>' +
      `<sst ${MAIN}><si><t>&lol3;</t></si></sst>`;
    const zip = bookOf(sheetOf(''), [], { 'xl/sharedStrings.xml': laughs });
    await expect(readWorkbook(zip)).rejects.toMatchObject({ status: 422 });
  });

  it('charges every part it inflates to one budget, and inflates no part it does not need', async () => {
    const big = 'x'.repeat(2_000_000);
    const unused = bookOf(sheetOf(''), [], { 'xl/media/image1.png': big });
    await expect(readWorkbook(unused, { ...WORKBOOK_CAPS, inflatedBytes: 1_000_000 })).resolves.toHaveLength(1);
    const used = bookOf(sheetOf(`<row r="1"><c t="inlineStr"><is><t>${big}</t></is></c></row>`));
    await expect(readWorkbook(used, { ...WORKBOOK_CAPS, inflatedBytes: 1_000_000 })).rejects.toMatchObject({
      status: 413,
      message: '工作簿解压后超过 0.95367431640625 MB，请分批导入',
    });
  });
});
