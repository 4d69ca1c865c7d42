/**
 * Everything the studio compiles with: the current documents the user may see, the
 * versions of every bundle and the regions. Loaded once, refreshed after saves.
 */
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { Bundle, Definitions, Dictionary, MaterialsDictionary, Matter, Variant, WorkCalendar } from '../../../schemas/index.ts';
import { api } from '../api/client.ts';

/** A stored document as the API returns it. */
export interface DocumentView<T = unknown> {
  kind: string;
  id: string;
  rev: number;
  region: string | null;
  updatedAt: string;
  updatedBy: string;
  body: T;
}

/** A bundle version without its body. */
export interface VersionView {
  bundleId: string;
  version: number;
  state: 'trial' | 'published' | 'retired';
  pilotRegions: string[];
  createdAt: string;
  createdBy: string;
  publishedAt: string | null;
  retiredAt: string | null;
}

/** A region. */
export interface RegionView {
  code: string;
  name: string;
  parent?: string;
}

export const useCatalogStore = defineStore('catalog', () => {
  const documents = shallowRef<DocumentView[]>([]);
  const versions = shallowRef<VersionView[]>([]);
  const regions = shallowRef<RegionView[]>([]);
  const loaded = shallowRef(false);

  const of = <T>(kind: string) => documents.value.filter((d) => d.kind === kind) as DocumentView<T>[];
  const definitions = computed<Definitions>(() => ({
    dictionary: of<Dictionary>('dictionary')[0]?.body ?? { sections: [], elements: [] },
    materials: of<MaterialsDictionary>('materials')[0]?.body ?? { materials: [] },
    calendar: of<WorkCalendar>('calendar')[0]?.body,
    matters: of<Matter>('matter').map((d) => d.body),
    bundles: of<Bundle>('bundle').map((d) => d.body),
    variants: of<Variant>('variant').map((d) => d.body),
  }));
  const matters = computed(() => of<Matter>('matter'));
  const bundles = computed(() => of<Bundle>('bundle'));
  const variants = computed(() => of<Variant>('variant'));
  const regionName = (code: string) => regions.value.find((r) => r.code === code)?.name ?? code;

  async function load(): Promise<void> {
    const { data } = await api<{ documents: DocumentView[]; versions: VersionView[]; regions: RegionView[] }>(
      'GET',
      '/api/studio/definitions',
    );
    documents.value = data.documents;
    versions.value = data.versions;
    regions.value = data.regions;
    loaded.value = true;
  }

  /** Replaces one document after a save, keeping the rest. */
  function remember(doc: DocumentView): void {
    documents.value = [...documents.value.filter((d) => !(d.kind === doc.kind && d.id === doc.id)), doc];
  }

  function versionsOf(bundleId: string): VersionView[] {
    return versions.value.filter((v) => v.bundleId === bundleId);
  }

  async function reloadVersions(): Promise<void> {
    await load();
  }

  return {
    documents,
    versions,
    regions,
    loaded,
    definitions,
    matters,
    bundles,
    variants,
    regionName,
    load,
    remember,
    versionsOf,
    reloadVersions,
  };
});
