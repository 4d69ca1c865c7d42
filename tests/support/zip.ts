/** Hand-made .xlsx files for the upload tests: exactly the parts a test needs, truthful or lying about their size. */
import { deflateRawSync } from 'node:zlib';

/**
 * A ZIP of `parts` (name → text), each deflated; its directory declares each part's true size,
 * or `declared` bytes for every part when given (a zip bomb's lie).
 */
export function zipOf(parts: Record<string, string | Buffer>, declared?: number): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(parts)) {
    const data = deflateRawSync(text);
    const size = declared ?? Buffer.byteLength(text);
    const file = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(file.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(file.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, file, data);
    centrals.push(central, file);
    offset += local.length + file.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
export const REL = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** A minimal workbook of one sheet named 事项 whose sheet part is `sheetXml`, with `strings` shared. */
export function bookOf(
  sheetXml: string | Buffer,
  strings: string[] = [],
  extra: Record<string, string | Buffer> = {},
  declared?: number,
): Buffer {
  return zipOf(
    {
      'xl/workbook.xml': `<?xml version="1.0"?><workbook ${MAIN} ${REL}><sheets><sheet name="事项" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      'xl/sharedStrings.xml': `<sst ${MAIN}>${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`,
      'xl/worksheets/sheet1.xml': sheetXml,
      ...extra,
    },
    declared,
  );
}
