/**
 * A worker thread that reads one uploaded workbook (xlsx-read.ts), hands its sheets to the
 * caller's reader module (its `readSheets`) and posts back what that returns, or the refusal:
 * the inflating, parsing and reading take this thread's time and memory, never the event loop's.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { Sheet } from '../../schemas/index.ts';
import { readWorkbook, type WorkbookCaps } from './xlsx-read.ts';
import { NOT_A_WORKBOOK, UploadRefusal } from './zip-inflation.ts';

const { buffer, caps, reader } = workerData as { buffer: Uint8Array; caps: WorkbookCaps; reader: string };
try {
  // Linux gives each thread its own nice value: the threads answering requests keep the CPU first
  setPriority(19);
} catch {
  // a platform that refuses only loses the courtesy
}
try {
  const { readSheets } = (await import(reader)) as { readSheets: (sheets: Sheet[]) => unknown };
  const sheets = await readWorkbook(Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength), caps);
  parentPort!.postMessage({ read: readSheets(sheets) });
} catch (error) {
  // what is neither a refusal nor a broken part is a defect of ours: say so where operators look
  if (!(error instanceof UploadRefusal)) console.error('workbook reader failed', error instanceof Error ? error.stack : error);
  const refusal = error instanceof UploadRefusal ? error : new UploadRefusal(422, NOT_A_WORKBOOK);
  parentPort!.postMessage({ refusal: { status: refusal.status, message: refusal.message } });
}
