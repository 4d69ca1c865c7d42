import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, CatalogImportReport, DocumentView, Matter } from '../../../schemas/index.ts';
import { XLSX_TYPE } from '../../../server/http/xlsx.ts';
import { readWorkbook } from '../../../server/http/xlsx-read.ts';
import { binaryBody, startServer, type Client, type TestServer } from '../../support/test-server.ts';
import { changeCell } from '../../support/workbook.ts';

let server: TestServer;
let admin: Client;
beforeAll(async () => {
  server = await startServer();
  admin = await server.login('admin');
});
afterAll(() => server.close());

const PATH = '/api/studio/catalog/matters.xlsx';

async function exported(client = admin): Promise<Buffer> {
  const res = await binaryBody(client.get(PATH)).expect(200);
  expect(res.headers['content-type']).toContain(XLSX_TYPE);
  return res.body as Buffer;
}

/** Adds a row to a sheet: a copy of `code`'s first row with the first cells replaced. */
async function copyRow(file: Buffer, sheet: string, code: string, first: (string | number)[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as unknown as ArrayBuffer);
  const ws = book.getWorksheet(sheet)!;
  let values: unknown[] = [];
  ws.eachRow((row) => {
    if (row.getCell(1).value === code && !values.length) values = (row.values as unknown[]).slice(1);
  });
  ws.addRow([...first, ...values.slice(first.length)]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const upload = (client: Client, file: Buffer, dryRun = false) =>
  client.post(`${PATH}${dryRun ? '?dryRun=1' : ''}`, file).set('Content-Type', XLSX_TYPE);

const matter = async (code: string) => (await admin.get(`/api/studio/documents/matter/${code}`).expect(200)).body as DocumentView<Matter>;

describe('the matter catalog in Excel', () => {
  it('exports every matter, its fields and its materials as three sheets', async () => {
    const sheets = await readWorkbook(await exported());
    expect(sheets.map((s) => s.name)).toEqual(['事项', '字段', '材料']);
    const all = (await admin.get('/api/studio/documents/matter').expect(200)).body as unknown[];
    expect(sheets[0]!.rows.length).toBe(all.length);
    expect(sheets[0]!.header.slice(0, 3)).toEqual(['事项编码', '事项名称', '事项类型']);
  });

  it('imports its own export back without changing anything', async () => {
    const before = await matter('JSRS-SK-0101');
    const report = (await upload(admin, await exported()).expect(200)).body as CatalogImportReport;
    expect(report.problems).toEqual([]);
    expect(report.matters.every((m) => m.action === 'unchanged')).toBe(true);
    expect((await matter('JSRS-SK-0101')).rev).toBe(before.rev);
  });

  it('shows a changed cell’s effect and impact in a dry run, writing nothing, then imports it with an audit entry', async () => {
    const before = await matter('JSRS-SK-0101');
    const file = await changeCell(await exported(), '事项', 'JSRS-SK-0101', '承诺时限', 3);
    const dry = (await upload(admin, file, true).expect(200)).body as CatalogImportReport;
    expect(dry.dryRun).toBe(true);
    expect(dry.matters.filter((m) => m.action !== 'unchanged')).toEqual([
      {
        code: 'JSRS-SK-0101',
        name: '社会保障卡申领',
        action: 'update',
        changes: [`承诺时限 ${before.body.promisedDays} 个工作日 → 3 个工作日`],
      },
    ]);
    expect(dry.impact.length).toBeGreaterThan(3);
    expect((await matter('JSRS-SK-0101')).rev).toBe(before.rev);

    const done = (await upload(admin, file).expect(200)).body as CatalogImportReport;
    expect(done.dryRun).toBe(false);
    const after = await matter('JSRS-SK-0101');
    expect(after).toMatchObject({ rev: before.rev + 1, body: { ...before.body, promisedDays: 3 } });
    const audit = (await admin.get('/api/studio/audit?limit=1').expect(200)).body as AuditEntry[];
    expect(audit[0]).toMatchObject({ action: 'import', target: `matter:JSRS-SK-0101@${after.rev}`, actor: 'admin' });
  });

  it('refuses a workbook with any invalid row, naming each by sheet, row and column, and changes nothing', async () => {
    const before = await matter('JSRS-SY-0101');
    let file = await changeCell(await exported(), '事项', 'JSRS-SY-0101', '事项名称', '失业保险金申领（新）');
    file = await changeCell(file, '事项', 'JSRS-JY-0101', '到现场次数', 'two');
    file = await changeCell(file, '材料', 'JSRS-JY-0101', '份数', 99);
    file = await changeCell(file, '事项', 'JSRS-JY-0102', '网办入口', 'http://insecure.example');
    const res = await upload(admin, file).expect(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.detail).toBe('导入未完成：共 3 处问题，没有修改任何事项');
    const problems = (res.body.report as CatalogImportReport).problems;
    expect(problems.map((p) => [p.sheet, p.column, p.message])).toEqual([
      ['事项', '到现场次数', '到现场次数应为 0 到 10 的整数'],
      ['事项', '网办入口', '网办入口应为 https:// 开头的网址'],
      ['材料', '份数', '份数应为 0 到 20 的整数'],
    ]);
    expect(problems.every((p) => p.row >= 2)).toBe(true);
    expect(res.body.errors[0].message).toMatch(/^「事项」第 \d+ 行「到现场次数」：/);
    expect((await matter('JSRS-SY-0101')).rev).toBe(before.rev);
  });

  it('reports every sheet’s problems of one matter at once, not only the sheet whose cell could not be read', async () => {
    let file = await changeCell(await exported(), '事项', 'JSRS-SY-0101', '到现场次数', 'two');
    // a 补交 deadline on a material that is required, not 容缺: a problem of the 材料 sheet
    file = await changeCell(file, '材料', 'JSRS-SY-0101', '容缺补交期限', 5);
    const res = await upload(admin, file, true).expect(422);
    const problems = (res.body.report as CatalogImportReport).problems;
    expect(problems.map((p) => p.sheet)).toEqual(['事项', '材料']);
    expect(problems[0]!.message).toBe('到现场次数应为 0 到 10 的整数');
  });

  it('refuses a row naming a data element, material or matter the catalog does not have', async () => {
    let file = await changeCell(await exported(), '字段', 'JSRS-SY-0101', '数据元标识', 'person.shoeSize');
    file = await changeCell(file, '材料', 'JSRS-SY-0101', '材料标识', 'moonRock');
    file = await changeCell(file, '事项', 'JSRS-SY-0101', '前置事项', 'JSRS-XX-9999 需要其办理结果');
    const res = await upload(admin, file, true).expect(422);
    expect((res.body.report as CatalogImportReport).problems.map((p) => [p.sheet, p.column, p.message])).toEqual([
      ['事项', '前置事项', '前置事项「JSRS-XX-9999」不在事项库中'],
      ['字段', '数据元标识（专用字段不填）', '引用了数据字典中不存在的数据元「person.shoeSize」'],
      ['材料', '材料标识', '引用了材料字典中不存在的材料「moonRock」'],
    ]);
  });

  it('imports a city’s rows as its own local matters, and refuses its rows for the province’s', async () => {
    const suzhou = await server.login('suzhou');
    const file = await changeCell(await exported(suzhou), '事项', 'SZRS-JY-0101', '承诺时限', 4);
    const ok = (await upload(suzhou, file, true).expect(200)).body as CatalogImportReport;
    expect(ok.matters.find((m) => m.code === 'SZRS-JY-0101')!.action).toBe('update');
    const province = await changeCell(file, '事项', 'JSRS-SY-0101', '承诺时限', 1);
    const refused = await upload(suzhou, province, true).expect(422);
    expect((refused.body.report as CatalogImportReport).problems).toEqual([
      expect.objectContaining({
        sheet: '事项',
        column: '事项编码',
        message: expect.stringContaining('JSRS-SY-0101：设区市用户只能维护本市'),
      }),
    ]);
    // a new row is the city's own matter
    const added = await copyRow(file, '事项', 'SZRS-JY-0101', ['SZRS-JY-0109', '苏州市职业技能等级认定补贴申领']);
    const created = (await upload(suzhou, added).expect(200)).body as CatalogImportReport;
    expect(created.matters.find((m) => m.code === 'SZRS-JY-0109')!.action).toBe('create');
    expect((await matter('SZRS-JY-0109')).body).toMatchObject({ region: '320500', name: '苏州市职业技能等级认定补贴申领', fields: [] });
    const viewer = await server.login('viewer');
    await upload(viewer, file).expect(403);
  });

  it('names in its report only what the uploader may read: another city’s matter is 不存在或无权修改', async () => {
    const nanjing = await server.login('nanjing');
    const theirs = (await admin.get('/api/studio/documents/matter/SZRS-JY-0101').expect(200)).body as DocumentView<Matter>;
    await nanjing.get('/api/studio/documents/matter/SZRS-JY-0101').expect(403);
    const probe = await copyRow(await exported(nanjing), '事项', 'JSRS-JY-0101', ['SZRS-JY-0101', '南京的试探']);
    for (const dryRun of [true, false]) {
      const refused = await upload(nanjing, probe, dryRun).expect(422);
      const report = refused.body.report as CatalogImportReport;
      expect(report.problems).toContainEqual(expect.objectContaining({ column: '事项编码', message: 'SZRS-JY-0101：不存在或无权修改' }));
      expect(report.matters.map((m) => m.code)).not.toContain('SZRS-JY-0101');
      // nothing of the other city's document: not its name, not its fields
      expect(JSON.stringify(refused.body)).not.toContain(theirs.body.name);
      expect(JSON.stringify(refused.body)).not.toContain('→');
    }
    expect((await matter('SZRS-JY-0101')).rev).toBe(theirs.rev);
  });

  it('refuses a name that hides characters, by sheet, row and column, as the studio does', async () => {
    const file = await changeCell(await exported(), '事项', 'JSRS-SY-0101', '事项名称', '失业保险金\u202e申领');
    const refused = (await upload(admin, file, true).expect(422)).body.report as CatalogImportReport;
    expect(refused.problems).toEqual([
      expect.objectContaining({ sheet: '事项', column: '事项名称', message: expect.stringContaining('文字方向控制符') }),
    ]);
  });

  it('refuses a pattern that backtracks exponentially, at its cell, even from the province’s admin', async () => {
    const file = await changeCell(await exported(), '字段', 'JSRS-SY-0101', '限定（JSON）', JSON.stringify({ pattern: '^(a|aa)+$' }));
    const refused = (await upload(admin, file, true).expect(422)).body.report as CatalogImportReport;
    expect(refused.problems).toEqual([
      expect.objectContaining({ sheet: '字段', column: '限定（JSON）', message: expect.stringContaining('回溯（ReDoS）') }),
    ]);
  });

  it('answers a file that is not a workbook with a clear refusal', async () => {
    await admin.post(PATH, { matters: [] }).expect(415);
    const junk = await upload(admin, Buffer.from('not a zip at all')).expect(422);
    expect(junk.body.detail).toBe('上传的文件不是有效的 Excel 工作簿（.xlsx）');
    await expect(readWorkbook(Buffer.from('PK nothing'))).rejects.toThrow('上传的文件不是有效的 Excel 工作簿（.xlsx）');
  });
});
