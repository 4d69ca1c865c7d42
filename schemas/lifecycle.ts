/**
 * The lifecycle of a bundle version — draft → trial (试运行, in pilot regions) → published
 * (已发布) → retired (已停用) — as one table: the database CHECK, the route guard and every
 * label read it. And the one rule for which version a region is served.
 */
import { PROVINCE } from './regions.ts';

/** The states a stored version can be in (a draft is the bundle document itself, not a version). */
export const VERSION_STATES = ['trial', 'published', 'retired'] as const;

/** A stored version's state. */
export type VersionState = (typeof VERSION_STATES)[number];

/** Every lifecycle state with its label, Element Plus tag type and the states it may move to. */
export const LIFECYCLE = {
  draft: { label: '草稿', tag: 'info', next: ['trial', 'published'] },
  trial: { label: '试运行', tag: 'warning', next: ['trial', 'published', 'retired'] },
  published: { label: '已发布', tag: 'success', next: ['retired'] },
  retired: { label: '已停用', tag: 'danger', next: [] },
} as const satisfies Record<string, { label: string; tag: string; next: readonly VersionState[] }>;

/** A state of the lifecycle, the draft included. */
export type LifecycleState = keyof typeof LIFECYCLE;

/** May a version in state `from` move to `to`? (trial → trial changes the pilot regions.) */
export function canMove(from: LifecycleState, to: VersionState): boolean {
  return (LIFECYCLE[from].next as readonly VersionState[]).includes(to);
}

/** The Chinese label of a state. */
export function stateLabel(state: LifecycleState): string {
  return LIFECYCLE[state].label;
}

/** What the lifecycle rules need of a version. */
export interface VersionHead {
  version: number;
  state: VersionState;
  pilotRegions: readonly string[];
  createdAt?: string;
  publishedAt?: string | null;
  retiredAt?: string | null;
}

/** A version's state at an instant (ISO 8601), from its timestamps; null before it existed. */
export function stateAt(v: VersionHead, at: string): VersionState | null {
  if (v.retiredAt && v.retiredAt <= at) return 'retired';
  if (v.publishedAt && v.publishedAt <= at) return 'published';
  if (v.createdAt !== undefined && v.createdAt > at) return null;
  // a version that exists but is neither published nor retired yet can only be on trial
  return 'trial';
}

/** Is a version served in a region — now, or at an instant: published, or on trial where the region pilots it? */
export function servedIn(v: VersionHead, region: string, at?: string): boolean {
  const state = at === undefined ? v.state : stateAt(v, at);
  return state === 'published' || (state === 'trial' && v.pilotRegions.includes(region));
}

/**
 * The versions served in a region, newest first: the first is the one in effect (a trial the
 * region pilots when it is newer than the latest published version, else that one); the
 * rest are what a city falls back on while its variant conflicts with a newer one.
 */
export function servedVersions<V extends VersionHead>(versions: readonly V[], region: string, at?: string): V[] {
  return versions.filter((v) => servedIn(v, region, at)).sort((a, b) => b.version - a.version);
}

/** The version of a bundle in effect in a region, now or at an instant. */
export function versionInEffect<V extends VersionHead>(versions: readonly V[], region: string, at?: string): V | undefined {
  return servedVersions(versions, region, at)[0];
}

/** The newest version that is not retired: what cities build their variants on. */
export function latestLiveVersion<V extends VersionHead>(versions: readonly V[]): V | undefined {
  return [...versions].sort((a, b) => b.version - a.version).find((v) => v.state !== 'retired');
}

/** Where a bundle stands in a region's eyes: the province sees its newest live version, a city the version in effect there. */
export function lifecycleIn(versions: readonly VersionHead[], region: string): { state: LifecycleState; version: number | null } {
  const current = region === PROVINCE ? latestLiveVersion(versions) : versionInEffect(versions, region);
  if (current) return { state: current.state, version: current.version };
  const retired = [...versions].sort((a, b) => b.version - a.version).find((v) => v.state === 'retired');
  return retired ? { state: 'retired', version: retired.version } : { state: 'draft', version: null };
}
