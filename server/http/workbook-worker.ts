/**
 * A worker thread that reads one uploaded workbook (xlsx.ts) and posts its sheets back, or the
 * refusal: the parsing's time and memory are this thread's, never the event loop's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readWorkbook, type WORKBOOK_CAPS } from './xlsx.ts';
import { UploadRefusal } from './zip-inflation.ts';

const { buffer, caps } = workerData as { buffer: Uint8Array; caps: typeof WORKBOOK_CAPS };
try {
  parentPort!.postMessage({ sheets: await readWorkbook(Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength), caps) });
} catch (error) {
  const refusal = error instanceof UploadRefusal ? error : new UploadRefusal(422, '上传的文件不是有效的 Excel 工作簿（.xlsx）');
  parentPort!.postMessage({ refusal: { status: refusal.status, message: refusal.message } });
}
