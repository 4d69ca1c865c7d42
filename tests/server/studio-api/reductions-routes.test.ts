import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv, type ReductionsView } from '../../../schemas/index.ts';
import { startServer, type Client, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
let admin: Client;
beforeAll(async () => {
  server = await startServer();
  admin = await server.login('admin');
});
afterAll(() => server.close());

describe('four-reductions dashboard data', () => {
  it('has every bundle in every region, per scenario, as the public compile says', async () => {
    const { rows } = (await admin.get('/api/studio/reductions').expect(200)).body as ReductionsView;
    expect(new Set(rows.map((r) => r.region)).size).toBe(14);
    expect(new Set(rows.map((r) => r.bundleId)).size).toBe(14);
    const suzhou = rows.find((r) => r.bundleId === 'unemployment' && r.region === '320500')!;
    const served = (await request(server.url).get('/api/regions/320500/bundles/unemployment').expect(200)).body;
    expect(suzhou).toMatchObject({ regionName: '苏州市', scenario: served.scenarios[0].label, ...served.scenarios[0].reductions });
  });

  it('escapes what a spreadsheet would run as a formula in the CSV (OWASP CSV injection)', async () => {
    const draft = (await admin.get('/api/studio/documents/bundle/graduation').expect(200)).body;
    const name = '=HYPERLINK("http://a.invalid","毕业")';
    await admin.put('/api/studio/documents/bundle/graduation', { ...draft.body, name }, `"${draft.rev}"`).expect(200);
    await admin.post('/api/studio/bundles/graduation/versions', { state: 'published' }).expect(201);
    const csv = (await admin.get('/api/studio/reductions.csv').expect(200)).text;
    const row = csv.split('\r\n').find((l) => l.includes('HYPERLINK'))!;
    expect(row.startsWith(`"'=HYPERLINK(""http://a.invalid"",""毕业"")",`)).toBe(true);
    expect(toCsv([['@SUM(A1)', '+1', '-1', '\tx', '\rx', '普通', -3]])).toBe(`\uFEFF"'@SUM(A1)","'+1","'-1","'\tx","'\rx",普通,-3\r\n`);
  });

  it('exports the same table as CSV and as an Excel workbook', async () => {
    const { rows } = (await admin.get('/api/studio/reductions').expect(200)).body as ReductionsView;
    const csv = await admin.get('/api/studio/reductions.csv').expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain("filename*=UTF-8''%E5%9B%9B%E5%87%8F%E7%BB%9F%E8%AE%A1.csv");
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines[0]).toBe(
      '一件事,地区,版本,办事情形,填写字段（减前）,填写字段（减后）,提交材料（减前）,提交材料（减后）,办理时限（工作日）（减前）,办理时限（工作日）（减后）,办理环节（减前）,办理环节（减后）,跑动次数（减前）,跑动次数（减后）',
    );
    const xlsx = await admin
      .get('/api/studio/reductions.xlsx')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    const bytes = xlsx.body as Buffer;
    await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(rows.length + 1);
    expect(sheet.getRow(2).getCell(1).value).toBe(rows[0]!.bundle);
    expect(sheet.getRow(2).getCell(5).value).toBe(rows[0]!.fields.before);
  });

  it('is for signed-in staff', async () => {
    await request(server.url).get('/api/studio/reductions').expect(401);
    await request(server.url).get('/api/studio/reductions.xlsx').expect(401);
  });
});
