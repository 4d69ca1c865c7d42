/**
 * The document being edited — a provincial bundle draft, or a city's variant of one —
 * with undo/redo over every edit, the in-browser compile, autosave with If-Match, and the
 * stale-write conflict kept until the official decides (nothing is lost). The save state
 * is the truth: 已保存 only when the document shown is the one the server acknowledged.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import {
  applyOperation,
  applyVariant,
  compileDraft,
  latestLiveVersion,
  namesOf,
  PROVINCE,
  rebaseVariant,
  startApplying,
  variantBase,
  type Bundle,
  type CompiledBundle,
  type DocumentView,
  type Draft,
  type GoldenCase,
  type RebaseResult,
  type Variant,
  type VariantOperation,
  type VersionRecord,
} from '../../../schemas/index.ts';
import { api, ApiError } from '../api/client.ts';
import { record, redo as redoHistory, startHistory, undo as undoHistory, type History } from '../editor/history.ts';
import { commitPending, pendingCount } from '../util/pending-inputs.ts';
import { useCatalogStore } from './catalog.store.ts';

/** What the editor holds: a bundle or a variant. */
export type EditedDocument = Draft;

/** Save state shown in the header of the editor. */
export type SaveState = 'saved' | 'dirty' | 'saving' | 'error' | 'stale';

const AUTOSAVE_MS = 1500;

export const useEditorStore = defineStore('editor', () => {
  const catalog = useCatalogStore();
  const history = shallowRef<History<EditedDocument> | null>(null);
  const rev = ref(0);
  const saved = shallowRef<EditedDocument | null>(null);
  const saveState = ref<SaveState>('saved');
  const saveError = ref('');
  /** A save refused as stale: my document, theirs, and the saved one both started from (to tell whose change is whose). */
  const stale = shallowRef<{ mine: EditedDocument; theirs: DocumentView; base: EditedDocument | null } | null>(null);
  const activeScenario = ref('');
  const selectedMatter = ref<string | null>(null);
  /** For a variant: the newest live provincial version (what the city builds on) and the body of the one it was made on. */
  const latestVersion = shallowRef<VersionRecord | null>(null);
  const previousBase = shallowRef<Bundle | null>(null);
  /** The version open for reading (a city views the version in effect there), or null for a draft. */
  const viewingVersion = ref<number | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The document of the save on its way to the server, if any. */
  let inFlight: EditedDocument | null = null;

  const doc = computed(() => history.value?.present ?? null);
  const isVariant = computed(() => doc.value?.kind === 'variant');
  const base = computed<Bundle | null>(() => {
    const d = doc.value;
    if (!d) return null;
    if (d.kind === 'bundle') return d.body;
    const draft = catalog.bundles.find((b) => b.id === d.body.bundle)?.body;
    return variantBase(latestVersion.value ? [latestVersion.value] : [], draft) ?? null;
  });
  /** For a variant: how it re-applies to the newest provincial version. */
  const rebase = computed<RebaseResult | null>(() => {
    const d = doc.value;
    if (!d || d.kind !== 'variant' || !latestVersion.value) return null;
    return rebaseVariant(d.body, previousBase.value ?? undefined, latestVersion.value.body);
  });
  /** The bundle as shown on the canvas: the draft, or the base with the variant applied. */
  const bundle = computed<Bundle | null>(() => {
    const d = doc.value;
    if (!d || !base.value) return null;
    return d.kind === 'bundle' ? d.body : applyVariant(base.value, d.body).bundle;
  });
  const region = computed(() => (doc.value?.kind === 'variant' ? doc.value.body.region : (base.value?.region ?? PROVINCE)));
  /** Compiles a draft of this editor's document on its base (the rule of schemas/drafts.ts). */
  const compile = (d: Draft) => compileDraft(catalog.definitions, d, base.value ?? undefined);
  const compiled = computed<CompiledBundle | null>(() => (doc.value && base.value ? compile(doc.value) : null));
  /** For a variant: the province's compile, to highlight what the city changed. */
  const baseCompiled = computed<CompiledBundle | null>(() =>
    isVariant.value && base.value ? compileDraft(catalog.definitions, { kind: 'bundle', body: base.value }) : null,
  );
  /** The state to show: text typed but not yet committed is unsaved too. */
  const shownState = computed<SaveState>(() => (saveState.value === 'saved' && pendingCount() > 0 ? 'dirty' : saveState.value));
  /** True while anything the official did is not yet on the server. */
  const hasUnsaved = computed(() => shownState.value !== 'saved');
  const canUndo = computed(() => (history.value?.past.length ?? 0) > 0);
  const canRedo = computed(() => (history.value?.future.length ?? 0) > 0);
  const hasErrors = computed(() => compiled.value?.diagnostics.some((d) => d.severity === 'error') ?? false);
  /** Why the draft cannot be versioned or published now, or empty. */
  const publishBlocked = computed(() => {
    if (hasErrors.value) return '有错误诊断，修正后才能提交试运行或发布';
    if (saveState.value !== 'saved') return '请等待草稿保存完成';
    return '';
  });

  function load(kind: EditedDocument['kind'], view: Pick<DocumentView, 'body' | 'rev'>, version: number | null = null): void {
    const d = { kind, body: view.body } as EditedDocument;
    viewingVersion.value = version;
    history.value = startHistory(d);
    saved.value = d;
    rev.value = view.rev;
    saveState.value = 'saved';
    stale.value = null;
    const b = bundle.value;
    activeScenario.value = b?.scenarios[0]?.id ?? '';
    selectedMatter.value = null;
  }

  /** Opens the draft of a bundle. */
  async function openBundle(id: string): Promise<void> {
    const { data } = await api<DocumentView<Bundle>>('GET', `/api/studio/documents/bundle/${encodeURIComponent(id)}`);
    catalog.remember(data);
    load('bundle', data);
  }

  /** Opens a bundle's version for reading: what a city sees of the province's work. */
  async function openVersion(id: string, version: number): Promise<void> {
    const { data } = await api<VersionRecord>('GET', `/api/studio/bundles/${encodeURIComponent(id)}/versions/${version}`);
    load('bundle', { body: data.body, rev: 0 }, version);
  }

  /** Loads the provincial versions a variant builds on. */
  async function loadBases(variant: Variant): Promise<void> {
    const versions = catalog.versionsOf(variant.bundle).filter((v) => v.state !== 'retired');
    const fetchVersion = async (n: number) =>
      (await api<VersionRecord>('GET', `/api/studio/bundles/${encodeURIComponent(variant.bundle)}/versions/${n}`)).data;
    const latest = latestLiveVersion(versions);
    latestVersion.value = latest ? await fetchVersion(latest.version) : null;
    previousBase.value = versions.some((v) => v.version === variant.baseVersion) ? (await fetchVersion(variant.baseVersion)).body : null;
  }

  /** Opens a city's variant. */
  async function openVariant(id: string): Promise<void> {
    const { data } = await api<DocumentView<Variant>>('GET', `/api/studio/documents/variant/${encodeURIComponent(id)}`);
    catalog.remember(data);
    await loadBases(data.body);
    load('variant', data);
  }

  /** Creates the variant of `bundleId` for `regionCode` (empty: no operations yet) and opens it. */
  async function createVariant(bundleId: string, regionCode: string): Promise<string> {
    const versions = catalog
      .versionsOf(bundleId)
      .filter((v) => v.state !== 'retired')
      .map((v) => v.version);
    const variant: Variant = {
      id: `${bundleId}-${regionCode}`,
      bundle: bundleId,
      baseVersion: Math.max(1, ...versions),
      region: regionCode,
      operations: [],
    };
    const { data } = await api<DocumentView<Variant>>('POST', '/api/studio/documents/variant', variant);
    catalog.remember(data);
    await loadBases(data.body);
    load('variant', data);
    return data.id;
  }

  function scheduleSave(): void {
    clearTimeout(timer);
    timer = setTimeout(() => void save(), AUTOSAVE_MS);
  }

  /**
   * After any change of the present. Back at what the server has (an undo after a refused
   * save) is saved; anything else is unsaved until autosave is acknowledged. A save on its
   * way reschedules itself when it returns; a stale save waits for the official.
   */
  function changed(): void {
    if (saveState.value === 'stale' || saveState.value === 'saving') return;
    clearTimeout(timer);
    if (doc.value === saved.value) {
      saveState.value = 'saved';
      return;
    }
    saveState.value = 'dirty';
    scheduleSave();
  }

  /** Records an edit of the bundle draft. */
  function edit(change: (b: Bundle) => Bundle): void {
    const h = history.value;
    if (!h || h.present.kind !== 'bundle') return;
    const next = change(h.present.body);
    if (next === h.present.body) return;
    history.value = record(h, { kind: 'bundle', body: next });
    changed();
  }

  /**
   * Records a variant operation (a city's edit is never a copy of the bundle). An operation
   * the province's guardrails refuse (removing a locked or required matter…) is not
   * recorded; the reason comes back in Chinese.
   */
  function addOperation(op: VariantOperation): string | null {
    const h = history.value;
    if (!h || h.present.kind !== 'variant' || !bundle.value) return null;
    const refusal = applyOperation(startApplying(bundle.value, h.present.body.region, namesOf(catalog.definitions)), op);
    if (refusal) return refusal;
    history.value = record(h, { kind: 'variant', body: { ...h.present.body, operations: [...h.present.body.operations, op] } });
    changed();
    return null;
  }

  /** Edits the 用例 of the document: the bundle's, or the city's own in its variant. Undoable. */
  function editCases(change: (cases: GoldenCase[]) => GoldenCase[]): void {
    const h = history.value;
    if (!h) return;
    const next = change(h.present.body.cases ?? []);
    history.value = record(h, { ...h.present, body: { ...h.present.body, cases: next } } as EditedDocument);
    changed();
  }

  /**
   * Records the outcome the compile now gives of `ids`, on the server (which compiles and
   * audits it): the draft is saved first, and the server's document becomes the saved one.
   */
  async function recordCases(ids: string[]): Promise<boolean> {
    if (!(await save()) || !history.value) return false;
    const d = history.value.present;
    const { data } = await api<DocumentView>('POST', `${pathOf(d)}/cases/record`, { cases: ids }, { 'If-Match': `"${rev.value}"` });
    const next = { kind: d.kind, body: data.body } as EditedDocument;
    history.value = record(history.value, next);
    saved.value = next;
    rev.value = data.rev;
    catalog.remember(data);
    saveState.value = 'saved';
    return true;
  }

  /** Replaces the whole document (import), undoable. */
  function replace(next: EditedDocument): void {
    if (!history.value) return;
    history.value = record(history.value, next);
    changed();
  }

  function undo(): void {
    if (!history.value || !canUndo.value) return;
    history.value = undoHistory(history.value);
    changed();
  }

  function redo(): void {
    if (!history.value || !canRedo.value) return;
    history.value = redoHistory(history.value);
    changed();
  }

  const pathOf = (d: EditedDocument) => `/api/studio/documents/${d.kind}/${encodeURIComponent(d.body.id)}`;

  /** Saves the present with If-Match; a stale save keeps both versions for the official. */
  async function save(force = false): Promise<boolean> {
    clearTimeout(timer);
    const d = doc.value;
    if (!d || (!force && d === saved.value) || saveState.value === 'stale') return true;
    saveState.value = 'saving';
    inFlight = d;
    try {
      const { data } = await api<DocumentView>('PUT', pathOf(d), d.body, { 'If-Match': `"${rev.value}"` });
      rev.value = data.rev;
      saved.value = d;
      catalog.remember(data);
      saveState.value = doc.value === d ? 'saved' : 'dirty';
      if (saveState.value === 'dirty') scheduleSave();
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 412 && e.problem.current) {
        stale.value = { mine: d, theirs: e.problem.current as DocumentView, base: saved.value };
        saveState.value = 'stale';
      } else {
        saveError.value = e instanceof Error ? e.message : String(e);
        saveState.value = 'error';
      }
      return false;
    } finally {
      inFlight = null;
    }
  }

  /**
   * The page is going away (reload, tab closed): typed text is committed and whatever the
   * server has not acknowledged is sent in a keepalive request, which outlives the page.
   */
  function flushOnExit(): void {
    commitPending();
    const d = doc.value;
    if (!d || d === saved.value || d === inFlight || saveState.value === 'stale' || viewingVersion.value !== null) return;
    clearTimeout(timer);
    // a save on its way will have moved the revision on by one when this one arrives
    const expected = inFlight ? rev.value + 1 : rev.value;
    api('PUT', pathOf(d), d.body, { 'If-Match': `"${expected}"` }, { keepalive: true }).catch(() => undefined);
  }

  /** Resolves a stale save: keep mine (over theirs), or take theirs (mine stays in undo history). */
  async function resolveStale(choice: 'mine' | 'theirs'): Promise<void> {
    const s = stale.value;
    if (!s || !history.value) return;
    stale.value = null;
    rev.value = s.theirs.rev;
    catalog.remember(s.theirs);
    const theirs = { kind: s.mine.kind, body: s.theirs.body } as EditedDocument;
    if (choice === 'theirs') {
      history.value = record(history.value, theirs);
      saved.value = theirs;
      saveState.value = 'saved';
    } else {
      saveState.value = 'dirty';
      await save(true);
    }
  }

  watch(bundle, (b) => {
    if (b && !b.scenarios.some((s) => s.id === activeScenario.value)) activeScenario.value = b.scenarios[0]?.id ?? '';
  });

  return {
    history,
    rev,
    saveState,
    shownState,
    hasUnsaved,
    saveError,
    stale,
    activeScenario,
    selectedMatter,
    latestVersion,
    previousBase,
    viewingVersion,
    doc,
    isVariant,
    base,
    bundle,
    region,
    compile,
    compiled,
    baseCompiled,
    rebase,
    canUndo,
    canRedo,
    hasErrors,
    publishBlocked,
    load,
    openBundle,
    openVariant,
    openVersion,
    createVariant,
    edit,
    addOperation,
    editCases,
    recordCases,
    replace,
    undo,
    redo,
    save,
    flushOnExit,
    resolveStale,
  };
});
