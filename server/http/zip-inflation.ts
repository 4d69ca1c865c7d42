/**
 * The entries of an uploaded ZIP, inflated as streams with every byte counted as it comes out —
 * never taken from the sizes the directory declares, which a zip bomb sets to anything. One
 * budget covers all the entries read: the chunk that overspends it stops the read (413), so a
 * lying 1 MB upload costs at most the budget, and an entry nobody reads costs nothing.
 */
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

/** Why an upload is refused, with the HTTP status and the official's words. */
export class UploadRefusal extends Error {
  readonly status: 413 | 422;
  constructor(status: 413 | 422, message: string) {
    super(message);
    this.status = status;
  }
}

export const NOT_A_WORKBOOK = '上传的文件不是有效的 Excel 工作簿（.xlsx）';

/** One entry of the central directory: where its data starts, how it is stored, its compressed size. */
export interface ZipEntry {
  offset: number;
  method: number;
  compressed: number;
}

/** How many inflated bytes a read may still produce, and the words that refuse the one that overspends. */
export interface InflateBudget {
  left: number;
  readonly tooLarge: string;
}

/** The central directory's entries by name; 422 for what is not a ZIP. */
export function zipEntries(zip: Buffer): Map<string, ZipEntry> {
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
  const out = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw new UploadRefusal(422, NOT_A_WORKBOOK);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) throw new UploadRefusal(422, NOT_A_WORKBOOK);
    const name = zip.toString('utf8', at + 46, Math.min(zip.length, at + 46 + nameLength));
    const offset = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    out.set(name, { offset, method: zip.readUInt16LE(at + 10), compressed: zip.readUInt32LE(at + 20) });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}

const SLICE = 16 * 1024;

/**
 * The bytes of one entry as they inflate, each chunk charged to `budget` before it is handed on:
 * 413 on the chunk that overspends it, 422 when the data is not stored or deflated, or is broken.
 */
export async function* inflateEntry(zip: Buffer, entry: ZipEntry, budget: InflateBudget): AsyncGenerator<Buffer> {
  // the data runs to the file's end at most: a declared size beyond it is a lie, and the file ends it
  const data = zip.subarray(entry.offset, Math.min(zip.length, entry.offset + entry.compressed));
  const charge = (chunk: Buffer) => {
    budget.left -= chunk.length;
    if (budget.left < 0) throw new UploadRefusal(413, budget.tooLarge);
    return chunk;
  };
  if (entry.method === 0) {
    for (let at = 0; at < data.length; at += SLICE) yield charge(data.subarray(at, at + SLICE));
    return;
  }
  if (entry.method !== 8) throw new UploadRefusal(422, NOT_A_WORKBOOK);
  const slices = function* () {
    for (let at = 0; at < data.length; at += SLICE) yield data.subarray(at, at + SLICE);
  };
  const inflater = Readable.from(slices()).pipe(createInflateRaw({ chunkSize: SLICE }));
  try {
    for await (const chunk of inflater) yield charge(chunk as Buffer);
  } catch (error) {
    throw error instanceof UploadRefusal ? error : new UploadRefusal(422, NOT_A_WORKBOOK);
  } finally {
    inflater.destroy();
  }
}
