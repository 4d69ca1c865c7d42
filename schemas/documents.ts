/**
 * Authored documents: their kinds, how a body names itself (id) and its owner (region),
 * and the compiler's Definitions assembled from any set of them — the current drafts,
 * the revisions a version pinned, or the files of `bundles/`.
 */
import { PROVINCE } from './regions.ts';
import type { Bundle, Definitions, Dictionary, MaterialsDictionary, Matter, PolicyParameters, Variant, WorkCalendar } from './types.ts';

/** The kinds of document officials author; each is stored with every revision. */
export const DOCUMENT_KINDS = ['dictionary', 'materials', 'calendar', 'parameters', 'matter', 'bundle', 'variant'] as const;

/** A kind of authored document. */
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Kinds with exactly one document, whose id is the kind itself. */
export const SINGLETON_KINDS: ReadonlySet<DocumentKind> = new Set(['dictionary', 'materials', 'calendar', 'parameters']);

/**
 * Kinds with a lifecycle of their own: officials edit a draft and publish it as a release,
 * and the runtime uses only the latest release — the calendar and the 政策参数 (they apply to
 * every live bundle version at once, without republishing them), a city's variants and a
 * city's own matters (a provincial matter reaches the public inside a bundle version instead).
 */
export const RELEASED_KINDS: ReadonlySet<DocumentKind> = new Set(['calendar', 'parameters', 'variant', 'matter']);

/** The released kinds every bundle is judged under: the policy (schemas/policy.ts). */
export const POLICY_KINDS = ['calendar', 'parameters'] as const;

/** A kind of the policy. */
export type PolicyKind = (typeof POLICY_KINDS)[number];

/** True when a document of `kind` owned by `region` is published on its own. */
export function isReleased(kind: DocumentKind, region: string | null): boolean {
  return RELEASED_KINDS.has(kind) && (kind !== 'matter' || region !== null);
}

/** What officials call each kind. */
export const DOCUMENT_LABELS = {
  dictionary: '数据字典',
  materials: '材料字典',
  calendar: '工作日历',
  parameters: '政策参数',
  matter: '服务事项',
  bundle: '一件事',
  variant: '地方版本',
} as const satisfies Record<DocumentKind, string>;

/** True when `kind` names a kind of authored document. */
export function isDocumentKind(kind: string): kind is DocumentKind {
  return (DOCUMENT_KINDS as readonly string[]).includes(kind);
}

/** The id a document body carries: a matter's code, a bundle's or variant's id, a singleton's kind. */
export function documentId(kind: DocumentKind, body: unknown): string {
  if (SINGLETON_KINDS.has(kind)) return kind;
  const b = (body ?? {}) as { code?: unknown; id?: unknown };
  return String(kind === 'matter' ? b.code : b.id);
}

/** What officials call a document: a bundle's or matter's name, else its id (a singleton: its label). */
export function documentTitle(kind: DocumentKind, body: unknown): string {
  if (SINGLETON_KINDS.has(kind)) return DOCUMENT_LABELS[kind];
  const name = (body as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name ? name : documentId(kind, body);
}

/** The region that owns a document: a variant's or city-local matter's city; null for the province's documents. */
export function documentRegion(kind: DocumentKind, body: unknown): string | null {
  if (kind !== 'matter' && kind !== 'variant') return null;
  const region = (body as { region?: unknown } | null)?.region;
  return typeof region === 'string' && region !== PROVINCE ? region : null;
}

/** How diagnostics name a document: `matter:JSRS-JY-0101`, `bundle:unemployment`, `dictionary`. */
export function documentRef(kind: DocumentKind, id: string): string {
  return SINGLETON_KINDS.has(kind) ? kind : `${kind}:${id}`;
}

/** A document as any source holds it. */
export interface DocumentBody {
  kind: DocumentKind;
  body: unknown;
}

/** Assembles the compiler's Definitions from documents (a missing dictionary is an empty one). */
export function assembleDefinitions(docs: Iterable<DocumentBody>): Definitions {
  const defs: Definitions = {
    dictionary: { sections: [], elements: [] },
    materials: { materials: [] },
    matters: [],
    bundles: [],
    variants: [],
  };
  for (const d of docs) {
    switch (d.kind) {
      case 'dictionary':
        defs.dictionary = d.body as Dictionary;
        break;
      case 'materials':
        defs.materials = d.body as MaterialsDictionary;
        break;
      case 'calendar':
        defs.calendar = d.body as WorkCalendar;
        break;
      case 'parameters':
        defs.parameters = d.body as PolicyParameters;
        break;
      case 'matter':
        defs.matters.push(d.body as Matter);
        break;
      case 'bundle':
        defs.bundles.push(d.body as Bundle);
        break;
      case 'variant':
        defs.variants.push(d.body as Variant);
        break;
    }
  }
  return defs;
}

/**
 * The revisions a bundle version was compiled against, so it can be compiled again (for a
 * city whose variant changed) exactly as it was published: the dictionaries and every matter.
 */
export interface Pins {
  dictionary?: number;
  materials?: number;
  matters?: Record<string, number>;
}

/** A pinned document revision. */
export interface PinnedRevision {
  kind: DocumentKind;
  id: string;
  rev: number;
}

/** The pins of a set of current documents (their kinds, ids and revisions). */
export function pinsOf(heads: Iterable<{ kind: DocumentKind; id: string; rev: number }>): Pins {
  const pins: Pins = { matters: {} };
  for (const h of heads) {
    if (h.kind === 'dictionary') pins.dictionary = h.rev;
    else if (h.kind === 'materials') pins.materials = h.rev;
    else if (h.kind === 'matter') pins.matters![h.id] = h.rev;
  }
  return pins;
}

/** The revisions a set of pins names. */
export function pinnedRevisions(pins: Pins): PinnedRevision[] {
  const out: PinnedRevision[] = [];
  if (pins.dictionary) out.push({ kind: 'dictionary', id: 'dictionary', rev: pins.dictionary });
  if (pins.materials) out.push({ kind: 'materials', id: 'materials', rev: pins.materials });
  for (const [id, rev] of Object.entries(pins.matters ?? {})) out.push({ kind: 'matter', id, rev });
  return out;
}
