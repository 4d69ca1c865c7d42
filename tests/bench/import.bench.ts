/**
 * `npm run bench` (import): the Excel import of the shipped catalog's own export (65 matters) and
 * of a synthetic 2,000-matter catalog, on a product in its own process — each import's time and
 * the server's peak RSS (VmHWM), and the public runtime's p99 while the import runs beside its
 * p99 at rest, measured in the same run (target: ratio ≤ 1.5; the workbook is read in a worker,
 * the checking yields between slices). A p99 needs samples: each workbook is imported once for
 * real and then again as dry runs (the same reading and checking, without the write), all their
 * answers pooled; the rest is measured right before, as many answers, after a warm-up.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { apiLogin, spawnServer, stopServer } from '../support/spawn-server.ts';

const PASSWORD = 'Import-bench-2026';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const dir = mkdtempSync(join(tmpdir(), 'yjs-import-bench-'));
const server = await spawnServer({ DATA_DIR: dir, ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'error', RATE_LIMIT_POST: '0' });

/** The server's peak resident memory so far, in MB (Linux). */
const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)] ?? 0;

/** Latencies (ms) of the public runtime, asked one after another while `busy()` holds (at least `least` answers). */
async function latencies(busy: () => boolean, least: number): Promise<number[]> {
  const out: number[] = [];
  const paths = ['/api/health', '/api/regions/320000/bundles/unemployment/schema'];
  for (let i = 0; (busy() || out.length < least) && i < 20_000; i++) {
    const start = performance.now();
    await (await fetch(server.url + paths[i % 2]!)).arrayBuffer();
    out.push(performance.now() - start);
  }
  return out;
}

try {
  const admin = await apiLogin(server.url, 'admin', PASSWORD);
  const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
  const exported = Buffer.from(await (await fetch(`${server.url}/api/studio/catalog/matters.xlsx`, { headers })).arrayBuffer());

  // 2,000 matters: the export's first matter as 1,935 more rows, with their fields and materials
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(exported as unknown as ArrayBuffer);
  for (const name of ['事项', '字段', '材料']) {
    const sheet = book.getWorksheet(name)!;
    const first = sheet.getRow(2).getCell(1).value;
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(1).value === first) rows.push((row.values as unknown[]).slice(1));
    });
    for (let i = 0; i < 2_000 - 65; i++) for (const r of rows) sheet.addRow([`JSRS-ZZ-${String(i).padStart(4, '0')}`, ...r.slice(1)]);
  }
  const synthetic = Buffer.from(await book.xlsx.writeBuffer());

  await latencies(() => false, 400); // warm-up: the runtime's caches and the client's connection
  const atRest = await latencies(() => false, 1_000);
  const lines = [`runtime p99 at rest: ${p99(atRest).toFixed(1)} ms (${atRest.length} answers)`];
  for (const [label, file, runs] of [
    ['shipped export (65 matters)', exported, 6],
    ['synthetic (2,000 matters)', synthetic, 3],
  ] as const) {
    const during: number[] = [];
    const times: number[] = [];
    let last = { status: 0, body: {} as { detail?: string } };
    for (let run = 0; run < runs; run++) {
      let running = true;
      const started = performance.now();
      const imported = fetch(`${server.url}/api/studio/catalog/matters.xlsx${run ? '?dryRun=1' : ''}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': XLSX },
        body: file,
      }).then(async (r) => {
        running = false;
        times.push(performance.now() - started);
        return { status: r.status, body: (await r.json()) as { detail?: string } };
      });
      during.push(...(await latencies(() => running, 5)));
      last = await imported;
    }
    lines.push(
      `${label}: ${(file.length / 1024).toFixed(0)} KB, HTTP ${last.status}${last.body.detail ? ` (${last.body.detail})` : ''}; ` +
        `import ${times[0]!.toFixed(0)} ms, dry runs ${times
          .slice(1)
          .map((t) => t.toFixed(0))
          .join('/')} ms; server peak RSS ${peakRss().toFixed(0)} MB; ` +
        `runtime p99 during ${p99(during).toFixed(1)} ms (${during.length} answers) ÷ at rest = ${(p99(during) / p99(atRest)).toFixed(2)}`,
    );
  }
  console.log(lines.join('\n'));
} finally {
  await stopServer(server);
  rmSync(dir, { recursive: true, force: true });
}
