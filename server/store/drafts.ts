/**
 * The studio's view of the catalog: the current revision of every document — drafts —
 * assembled into the compiler's Definitions once and rebuilt after a write — this instance's
 * (`invalidate`) or, with several instances on one database, another's (the store's documents
 * fingerprint is checked on every read, so a publish never compiles a stale draft). Only the
 * studio API reads it; the public runtime serves published versions and releases.
 */
import { assembleDefinitions, type Definitions } from '../../schemas/index.ts';
import type { Store, StoredDocument } from './store.ts';

/** A cache of the current documents and their definitions; `invalidate` after every write. */
export class DraftDefinitions {
  private current: Promise<{ documents: StoredDocument[]; definitions: Definitions }> | undefined;
  /** The documents fingerprint `current` was read at (multi-instance stores only). */
  private stamp: string | null = null;
  private readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  private async load() {
    const stamp = await this.store.documentsStamp();
    if (stamp !== this.stamp) {
      this.stamp = stamp;
      this.current = undefined;
    }
    this.current ??= this.store.currentDocuments().then((documents) => ({ documents, definitions: assembleDefinitions(documents) }));
    return this.current;
  }

  /** The current definitions. */
  async get(): Promise<Definitions> {
    return (await this.load()).definitions;
  }

  /** The current documents, as stored. */
  async documents(): Promise<StoredDocument[]> {
    return (await this.load()).documents;
  }

  /** Forgets the cached definitions. */
  invalidate(): void {
    this.current = undefined;
  }
}
