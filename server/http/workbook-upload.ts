/**
 * Reading an uploaded workbook off the event loop: a worker thread with its own memory limit
 * and a time limit does the inflating and parsing (workbook-worker.ts) and the caller's reading
 * of the sheets, so the public runtime answers as fast while a hostile or huge upload is read.
 * What exceeds a cap, the memory or the time is refused (413) in the official's words; what is
 * not a workbook, 422.
 */
import { Worker } from 'node:worker_threads';
import { WORKBOOK_CAPS, type WorkbookCaps } from './xlsx-read.ts';
import { NOT_A_WORKBOOK, UploadRefusal } from './zip-inflation.ts';

/** The limits of one read: the workbook's caps, the worker's heap and the time it may take. */
export interface UploadLimits {
  caps: WorkbookCaps;
  heapMb: number;
  ms: number;
}

export const UPLOAD_LIMITS: UploadLimits = { caps: WORKBOOK_CAPS, heapMb: 384, ms: 30_000 };

/**
 * What `reader` (a module exporting `readSheets(sheets: Sheet[]): T`, cloneable) makes of an
 * uploaded workbook's sheets, all of it in a worker thread within `limits`; rejects with UploadRefusal.
 */
export function readUpload<T>(upload: Buffer, reader: URL, limits: UploadLimits = UPLOAD_LIMITS): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./workbook-worker.ts', import.meta.url), {
      workerData: { buffer: upload, caps: limits.caps, reader: reader.href },
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 32 },
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(
      () => settle(() => reject(new UploadRefusal(413, `工作簿过于复杂，${limits.ms / 1000} 秒内未能读完，请分批导入`))),
      limits.ms,
    );
    worker.once('message', (m: { read?: T; refusal?: { status: 413 | 422; message: string } }) =>
      settle(() => (m.refusal ? reject(new UploadRefusal(m.refusal.status, m.refusal.message)) : resolve(m.read!))),
    );
    worker.once('error', (error: NodeJS.ErrnoException) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new UploadRefusal(413, '工作簿过大，超出一次导入能处理的内容，请分批导入') : error,
        ),
      ),
    );
    worker.once('exit', () => settle(() => reject(new UploadRefusal(422, NOT_A_WORKBOOK))));
  });
}
