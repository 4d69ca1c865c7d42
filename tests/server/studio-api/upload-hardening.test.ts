import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_TYPE } from '../../../server/http/xlsx.ts';
import { binaryBody, startServer, type Client, type TestServer } from '../../support/test-server.ts';
import { bookOf, MAIN } from '../../support/zip.ts';

/**
 * An upload cannot be turned against the province: a workbook is read in a worker thread within
 * hard caps counted while it is read — a zip that lies about its size, a sheet of a hundred
 * thousand rows — and the public runtime answers as fast meanwhile.
 */
let server: TestServer;
let admin: Client;
beforeAll(async () => {
  server = await startServer();
  admin = await server.login('admin');
});
afterAll(() => server.close());

const PATH = '/api/studio/catalog/matters.xlsx';

const upload = (file: Buffer) => admin.post(`${PATH}?dryRun=1`, file).set('Content-Type', XLSX_TYPE);

/** A workbook whose 事项 sheet has `rows` rows of two cells (written as Excel stores them: inline text). */
function tallWorkbook(rows: number): Buffer {
  const cell = (text: string) => `<c t="inlineStr"><is><t>${text}</t></is></c>`;
  const body = Array.from({ length: rows }, (_, i) => `<row r="${i + 2}">${cell(`X-${i}`)}${cell('事项')}</row>`).join('');
  return bookOf(`<worksheet ${MAIN}><sheetData><row r="1">${cell('事项编码')}${cell('事项名称')}</row>${body}</sheetData></worksheet>`);
}

/** The latencies (ms) of the public runtime's answers, asked one after another until `done` settles. */
async function latenciesWhile(done: Promise<unknown>): Promise<number[]> {
  let finished = false;
  void done.finally(() => (finished = true));
  const out: number[] = [];
  const paths = ['/api/health', '/api/regions/320000/bundles/unemployment/schema'];
  for (let i = 0; !finished && i < 5_000; i++) {
    const start = performance.now();
    await request(server.url)
      .get(paths[i % 2]!)
      .expect(200);
    out.push(performance.now() - start);
    await new Promise((r) => setTimeout(r, 5));
  }
  return out;
}
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)] ?? 0;

describe('hostile workbooks', () => {
  it('refuses a zip that declares 1,000 bytes and inflates past the cap, counting while it inflates', async () => {
    const bomb = bookOf(Buffer.alloc(48 * 1024 * 1024, 0x20), [], {}, 1_000);
    expect(bomb.length).toBeLessThan(200_000);
    const rss = process.memoryUsage().rss;
    const start = performance.now();
    const res = await upload(bomb).expect(413);
    expect(res.body.detail).toBe('工作簿解压后超过 32 MB，请分批导入');
    expect(performance.now() - start).toBeLessThan(5_000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(150 * 1024 * 1024);
  });

  it('refuses a sheet past the row cap, and the runtime keeps answering meanwhile', async () => {
    const tall = tallWorkbook(60_000);
    const done = upload(tall).then((r) => r);
    const latencies = await latenciesWhile(done);
    const res = await done;
    expect(res.status).toBe(413);
    expect(res.body.detail).toBe('工作表「事项」超过 50000 行，请分批导入');
    expect(latencies.length).toBeGreaterThan(3);
    expect(p99(latencies)).toBeLessThan(100);
  });

  it('reads a large catalog within the caps off the event loop, and refuses it by the matter cap before building any matter', async () => {
    // the studio's own export with its first matter repeated as 2,400 rows
    const book = new ExcelJS.Workbook();
    const exported = (await binaryBody(admin.get(PATH)).expect(200)).body as Buffer;
    await book.xlsx.load(exported as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('事项')!;
    const first = (sheet.getRow(2).values as unknown[]).slice(1);
    for (let i = 0; i < 2_400; i++) sheet.addRow([`JSRS-ZZ-${String(i).padStart(4, '0')}`, ...first.slice(1)]);
    const large = Buffer.from(await book.xlsx.writeBuffer());
    const done = upload(large).then((r) => r);
    const latencies = await latenciesWhile(done);
    const res = await done;
    expect(res.status).toBe(413);
    expect(res.body.detail).toBe('一次最多导入 2000 个事项');
    expect(p99(latencies)).toBeLessThan(100);
  });
});
