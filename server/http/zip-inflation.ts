/**
 * How much a ZIP really unpacks to, counted while inflating each entry — never taken from the
 * sizes its directory declares, which a zip bomb sets to anything. Inflation stops as soon as
 * the budget is spent (zlib's maxOutputLength), so a lying 1 MB upload costs at most the budget.
 */
import { inflateRawSync } from 'node:zlib';

/** Why an upload is refused, with the HTTP status and the official's words. */
export class UploadRefusal extends Error {
  readonly status: 413 | 422;
  constructor(status: 413 | 422, message: string) {
    super(message);
    this.status = status;
  }
}

const NOT_A_WORKBOOK = '上传的文件不是有效的 Excel 工作簿（.xlsx）';

/** The central directory's entries: where each entry's data starts, its method and compressed size. */
function entries(zip: Buffer): { offset: number; method: number; compressed: number }[] {
  const min = Math.max(0, zip.length - 65_557);
  let end = -1;
  for (let i = zip.length - 22; i >= min; i--)
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) throw new UploadRefusal(422, NOT_A_WORKBOOK);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const out: { offset: number; method: number; compressed: number }[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw new UploadRefusal(422, NOT_A_WORKBOOK);
    const local = zip.readUInt32LE(at + 42);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) throw new UploadRefusal(422, NOT_A_WORKBOOK);
    const offset = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    out.push({ offset, method: zip.readUInt16LE(at + 10), compressed: zip.readUInt32LE(at + 20) });
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}

/**
 * The bytes the ZIP inflates to, counted by inflating every entry within `budget`; refuses (413)
 * as soon as the budget is exceeded, and (422) what is not a ZIP of stored or deflated entries.
 */
export function inflatedSize(zip: Buffer, budget: number, tooLarge: string): number {
  let total = 0;
  for (const e of entries(zip)) {
    // the data runs to the next header at most: a declared size beyond the file is a lie, and the file ends it
    const data = zip.subarray(e.offset, Math.min(zip.length, e.offset + e.compressed));
    if (e.method === 0) total += data.length;
    else if (e.method === 8) {
      try {
        total += inflateRawSync(data, { maxOutputLength: Math.max(1, budget - total + 1) }).length;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new UploadRefusal(413, tooLarge);
        throw new UploadRefusal(422, NOT_A_WORKBOOK);
      }
    } else throw new UploadRefusal(422, NOT_A_WORKBOOK);
    if (total > budget) throw new UploadRefusal(413, tooLarge);
  }
  return total;
}
