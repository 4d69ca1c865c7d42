/**
 * Everything the studio compiles with: the current documents the user may see, the
 * versions of every bundle and the regions. Loaded once, refreshed after saves. Province
 * staff work on the bundles' drafts; a city works from the versions in effect there.
 */
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import {
  assembleDefinitions,
  calendarWarnings,
  parameterOn,
  prepareParameters,
  type Bundle,
  type Definitions,
  type DefinitionsView,
  type DocumentKind,
  type DocumentView,
  type Matter,
  prepareCalendar,
  type Policy,
  type PreparedCalendar,
  type Region,
  type ServedVersion,
  type Variant,
  type VariantStatus,
  type PublishedCalendarView,
  type VersionView,
  valueText,
} from '../../../schemas/index.ts';
import { api } from '../api/client.ts';
import { todayInChina } from '../util/today.ts';

/** A bundle as the signed-in official works with it: the province's draft, or for a city the version in effect there. */
export interface ListedBundle {
  id: string;
  body: Bundle;
  updatedBy: string;
  updatedAt: string;
  /** For a city: the version in effect and the one the city actually serves. */
  served?: ServedVersion;
}

export const useCatalogStore = defineStore('catalog', () => {
  const documents = shallowRef<DocumentView[]>([]);
  const versions = shallowRef<VersionView[]>([]);
  const regions = shallowRef<Region[]>([]);
  /** For a city: each bundle's version in effect there; undefined for province staff, who see the drafts. */
  const served = shallowRef<ServedVersion[] | undefined>(undefined);
  const loaded = shallowRef(false);
  /** Where each variant the user may see stands: against the province, and published or not. */
  const variantStatuses = shallowRef<VariantStatus[]>([]);
  /** The calendar applicants are planned with today (the runtime's published release), for the preview's dates. */
  const publishedCalendar = shallowRef<PreparedCalendar | null>(null);

  const of = <T>(kind: DocumentKind) => documents.value.filter((d) => d.kind === kind) as DocumentView<T>[];
  const definitions = computed<Definitions>(() => assembleDefinitions(documents.value));
  const matters = computed(() => of<Matter>('matter'));
  const bundles = computed(() => of<Bundle>('bundle'));
  const variants = computed(() => of<Variant>('variant'));
  const seesDrafts = computed(() => served.value === undefined);
  const listedBundles = computed<ListedBundle[]>(() =>
    served.value
      ? served.value.map((v) => ({
          id: v.bundleId,
          body: v.body,
          updatedBy: v.createdBy,
          updatedAt: v.publishedAt ?? v.createdAt,
          served: v,
        }))
      : bundles.value,
  );
  /**
   * The policy the studio judges applications under: the calendar applicants are planned with and
   * the 政策参数 as drafted (the compile checks rules against the same draft).
   */
  const policy = computed<Policy>(() => ({
    calendar: publishedCalendar.value ?? prepareCalendar(definitions.value.calendar),
    parameters: prepareParameters(definitions.value.parameters),
  }));
  /** The 政策参数 a rule can name, each with its value today. */
  const parameterChoices = computed(() => {
    const today = todayInChina();
    return (definitions.value.parameters?.parameters ?? []).map((p) => {
      const value = parameterOn(policy.value.parameters, p.name, today);
      const now = value === null ? '' : `（现为 ${valueText(value, p.unit)}）`;
      return { ref: p.name, label: `${p.label}${now}`, group: p.group };
    });
  });
  /** What the calendar's keepers are told: next year missing or only provisional in the published calendar. */
  const calendarNotes = computed(() => (publishedCalendar.value ? calendarWarnings(publishedCalendar.value, todayInChina()) : []));
  const regionName = (code: string) => regions.value.find((r) => r.code === code)?.name ?? code;

  async function load(): Promise<void> {
    const { data } = await api<DefinitionsView>('GET', '/api/studio/definitions');
    documents.value = data.documents;
    versions.value = data.versions;
    regions.value = data.regions;
    served.value = data.served;
    loaded.value = true;
  }

  async function loadVariantStatuses(): Promise<void> {
    variantStatuses.value = (await api<VariantStatus[]>('GET', '/api/studio/variants/status')).data;
  }

  async function loadPublishedCalendar(): Promise<void> {
    const { data } = await api<PublishedCalendarView>('GET', '/api/calendar');
    publishedCalendar.value = prepareCalendar(data.calendar);
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
    served,
    seesDrafts,
    listedBundles,
    regionName,
    variantStatuses,
    publishedCalendar,
    policy,
    parameterChoices,
    calendarNotes,
    load,
    loadVariantStatuses,
    loadPublishedCalendar,
    remember,
    versionsOf,
    reloadVersions,
  };
});
