/**
 * The definitions in effect for the studio: the current revision of every document in the
 * store, assembled into the compiler's Definitions once and rebuilt after a write.
 */
import type { Bundle, Definitions, Dictionary, MaterialsDictionary, Matter, Variant, WorkCalendar } from '../../schemas/index.ts';
import type { Store, StoredDocument } from '../store/store.ts';

/** Assembles Definitions from stored documents. */
export function definitionsFrom(docs: readonly StoredDocument[]): Definitions {
  const of = <T>(kind: string) => docs.filter((d) => d.kind === kind).map((d) => d.body as T);
  return {
    dictionary: of<Dictionary>('dictionary')[0] ?? { sections: [], elements: [] },
    materials: of<MaterialsDictionary>('materials')[0] ?? { materials: [] },
    calendar: of<WorkCalendar>('calendar')[0],
    matters: of<Matter>('matter'),
    bundles: of<Bundle>('bundle'),
    variants: of<Variant>('variant'),
  };
}

/** A cache of the current definitions; `invalidate` after every write. */
export class DefinitionsCache {
  private current: Promise<Definitions> | undefined;
  private readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  /** The current definitions. */
  get(): Promise<Definitions> {
    this.current ??= this.store.currentDocuments().then(definitionsFrom);
    return this.current;
  }

  /** Forgets the cached definitions. */
  invalidate(): void {
    this.current = undefined;
  }
}
