/**
 * Reads the shipped documents of `bundles/` into the compiler's Definitions: one JSON
 * document per file, the folder naming the kind.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle, Definitions, Dictionary, MaterialsDictionary, Matter, Variant, WorkCalendar } from '../../schemas/index.ts';

/** The `bundles/` folder of this checkout. */
export const BUNDLES_DIR = join(import.meta.dirname, '..', '..', 'bundles');

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function readFolder<T>(dir: string): T[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readJson<T>(join(dir, f)));
}

/** Every document file under a bundles folder, with the kind its folder gives it. */
export function documentFiles(
  dir = BUNDLES_DIR,
): { file: string; kind: 'dictionary' | 'materials' | 'calendar' | 'matter' | 'bundle' | 'variant' | 'regions' }[] {
  const out: ReturnType<typeof documentFiles> = [];
  for (const [name, kind] of [
    ['dictionary.json', 'dictionary'],
    ['materials.json', 'materials'],
    ['calendar.json', 'calendar'],
    ['regions.json', 'regions'],
  ] as const) {
    out.push({ file: join(dir, name), kind });
  }
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

/** Loads all definitions from a bundles folder. */
export function loadDefinitions(dir = BUNDLES_DIR): Definitions {
  return {
    dictionary: readJson<Dictionary>(join(dir, 'dictionary.json')),
    materials: readJson<MaterialsDictionary>(join(dir, 'materials.json')),
    calendar: readJson<WorkCalendar>(join(dir, 'calendar.json')),
    matters: readFolder<Matter>(join(dir, 'matters')),
    bundles: readFolder<Bundle>(join(dir, 'bundles')),
    variants: readFolder<Variant>(join(dir, 'variants')),
  };
}
