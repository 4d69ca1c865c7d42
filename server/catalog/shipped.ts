/**
 * What ships in `bundles/`: one JSON document per file, the folder naming the kind, and the
 * regions list. Seeding imports these documents; the report and tests read them directly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assembleDefinitions,
  documentId,
  documentRegion,
  type Definitions,
  type DocumentKind,
  type Region,
  type SchemaKind,
} from '../../schemas/index.ts';

/** The `bundles/` folder of this checkout. */
export const BUNDLES_DIR = join(import.meta.dirname, '..', '..', 'bundles');

/** A shipped file and the kind of document it holds. */
export interface ShippedFile {
  file: string;
  kind: SchemaKind;
}

/** A shipped document as the store keeps it. */
export interface ShippedDocument {
  kind: DocumentKind;
  id: string;
  region: string | null;
  body: unknown;
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

/** Every file under a bundles folder, with the kind its name or folder gives it. */
export function shippedFiles(dir = BUNDLES_DIR): ShippedFile[] {
  const out: ShippedFile[] = [];
  for (const kind of ['dictionary', 'materials', 'calendar', 'parameters', 'regions'] as const)
    out.push({ file: join(dir, `${kind}.json`), kind });
  for (const [sub, kind] of [
    ['matters', 'matter'],
    ['bundles', 'bundle'],
    ['variants', 'variant'],
  ] as const) {
    for (const f of readdirSync(join(dir, sub))
      .filter((x) => x.endsWith('.json'))
      .sort())
      out.push({ file: join(dir, sub, f), kind });
  }
  return out;
}

/** Every shipped document (the regions list is reference data, not a document). */
export function shippedDocuments(dir = BUNDLES_DIR): ShippedDocument[] {
  return shippedFiles(dir).flatMap(({ file, kind }) => {
    if (kind === 'regions') return [];
    const body = readJson(file);
    return [{ kind, id: documentId(kind, body), region: documentRegion(kind, body), body }];
  });
}

/** The shipped documents as the compiler's Definitions. */
export function loadDefinitions(dir = BUNDLES_DIR): Definitions {
  return assembleDefinitions(shippedDocuments(dir));
}

const regionCache = new Map<string, Region[]>();

/** Every region, province first. */
export function loadRegions(dir = BUNDLES_DIR): Region[] {
  let regions = regionCache.get(dir);
  if (!regions) regionCache.set(dir, (regions = (readJson(join(dir, 'regions.json')) as { regions: Region[] }).regions));
  return regions;
}
