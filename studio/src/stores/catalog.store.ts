/**
 * Everything the studio compiles with: the current documents the user may see, the
 * versions of every bundle and the regions. Loaded once, refreshed after saves.
 */
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import {
  assembleDefinitions,
  type Bundle,
  type Definitions,
  type DefinitionsView,
  type DocumentKind,
  type DocumentView,
  type Matter,
  type Region,
  type Variant,
  type VersionView,
} from '../../../schemas/index.ts';
import { api } from '../api/client.ts';

export const useCatalogStore = defineStore('catalog', () => {
  const documents = shallowRef<DocumentView[]>([]);
  const versions = shallowRef<VersionView[]>([]);
  const regions = shallowRef<Region[]>([]);
  const loaded = shallowRef(false);

  const of = <T>(kind: DocumentKind) => documents.value.filter((d) => d.kind === kind) as DocumentView<T>[];
  const definitions = computed<Definitions>(() => assembleDefinitions(documents.value));
  const matters = computed(() => of<Matter>('matter'));
  const bundles = computed(() => of<Bundle>('bundle'));
  const variants = computed(() => of<Variant>('variant'));
  const regionName = (code: string) => regions.value.find((r) => r.code === code)?.name ?? code;

  async function load(): Promise<void> {
    const { data } = await api<DefinitionsView>('GET', '/api/studio/definitions');
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
