/**
 * Text the official has typed but not yet committed (a commit happens on Enter or on leaving
 * the field). The editor counts these as unsaved and commits them before the page goes away.
 */
import { shallowReactive } from 'vue';

const pending = shallowReactive(new Set<() => void>());

/** Marks an input as holding uncommitted text; `commit` puts it into the document. */
export function holdPending(commit: () => void): void {
  pending.add(commit);
}

/** The input's text is committed (or discarded). */
export function releasePending(commit: () => void): void {
  pending.delete(commit);
}

/** How many inputs hold uncommitted text (reactive). */
export function pendingCount(): number {
  return pending.size;
}

/** Commits every input's text now. */
export function commitPending(): void {
  for (const commit of [...pending]) commit();
}
