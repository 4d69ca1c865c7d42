/**
 * Several instances on one database: what another instance publishes (a bundle version, a
 * city's artifacts, the calendar or the 政策参数) reaches this one's runtime — at once by the store's
 * notifications, and, should one be missed (a dropped connection), by comparing the store's
 * fingerprints every `intervalMs`. Changes are applied one at a time, in order. (The studio's
 * drafts check the store's documents fingerprint on every read: see drafts.ts.)
 */
import type { Logger } from '../http/logger.ts';
import type { Runtime } from '../runtime/runtime.ts';
import type { ChangeStamps, Store, StoreChange } from '../store/store.ts';

/** Keeps the runtime in step with the store; returns a function that stops it. */
export async function startSync(
  deps: { store: Store; runtime: Runtime; logger: Logger },
  intervalMs: number,
): Promise<() => Promise<void>> {
  const { store, runtime, logger } = deps;
  let queue = Promise.resolve();
  const run = (step: () => Promise<void>) => {
    queue = queue.then(step).catch((error: unknown) => logger.warn('sync failed', { error: String(error) }));
    return queue;
  };
  const apply = async (change: StoreChange) => {
    if (change.kind === 'bundle') await runtime.refreshBundle(change.bundleId);
    else await runtime.reloadPolicy();
  };
  let last: ChangeStamps | null = await store.changeStamps();
  if (last === null) return async () => undefined; // one process: nothing to keep in step with
  const reconcile = async () => {
    const now = (await store.changeStamps())!;
    const ids = new Set([...last!.bundles.keys(), ...now.bundles.keys()]);
    for (const id of ids) if (last!.bundles.get(id) !== now.bundles.get(id)) await runtime.refreshBundle(id);
    if (last!.policy !== now.policy) await runtime.reloadPolicy();
    last = now;
  };
  const stopWatching = await store.watch((change) => void run(() => apply(change)));
  const timer = setInterval(() => void run(reconcile), intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await stopWatching();
  };
}
