/** The regions the product serves: 江苏省 and its 13 cities, from `bundles/regions.json`. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLES_DIR } from './load-definitions.ts';

/** A region: the province or one city. */
export interface Region {
  code: string;
  name: string;
  parent?: string;
}

let cached: Region[] | undefined;

/** Every region, province first. */
export function regions(): Region[] {
  cached ??= (JSON.parse(readFileSync(join(BUNDLES_DIR, 'regions.json'), 'utf8')) as { regions: Region[] }).regions;
  return cached;
}

/** Every region code, province first. */
export function regionCodes(): string[] {
  return regions().map((r) => r.code);
}
