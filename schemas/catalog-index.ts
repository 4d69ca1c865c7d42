/**
 * Look-ups into the catalog (matters by code, data elements and materials by id), built
 * once per list object: the studio recompiles on every keystroke with the same catalog.
 */
import type { Definitions, DictionaryElement, MaterialDefinition, Matter } from './types.ts';

/** The catalog's look-ups. */
export interface CatalogIndex {
  matters: ReadonlyMap<string, Matter>;
  elements: ReadonlyMap<string, DictionaryElement>;
  materials: ReadonlyMap<string, MaterialDefinition>;
}

const indexes = new WeakMap<object, Map<string, unknown>>();

/** A map of `list` by `key` (first one wins), memoised per list object. */
export function indexBy<T>(list: readonly T[], key: (t: T) => string): ReadonlyMap<string, T> {
  let map = indexes.get(list) as Map<string, T> | undefined;
  if (!map) {
    map = new Map();
    for (const item of list) if (!map.has(key(item))) map.set(key(item), item);
    indexes.set(list, map as Map<string, unknown>);
  }
  return map;
}

/** The look-ups of a set of definitions. */
export function catalogIndex(defs: Definitions): CatalogIndex {
  return {
    matters: indexBy(defs.matters, (m) => m.code),
    elements: indexBy(defs.dictionary.elements, (e) => e.id),
    materials: indexBy(defs.materials.materials, (m) => m.id),
  };
}
