/** What every router shares: the store, the runtime, the studio's drafts, regions, logger, metrics and config. */
import type { Region } from '../schemas/index.ts';
import type { Config } from './config.ts';
import type { Logger } from './http/logger.ts';
import type { Metrics } from './http/metrics.ts';
import type { Runtime } from './runtime/runtime.ts';
import type { Store } from './store/store.ts';
import type { DraftDefinitions } from './store/drafts.ts';

/** Shared server state. */
export interface AppContext {
  config: Config;
  store: Store;
  runtime: Runtime;
  drafts: DraftDefinitions;
  regions: Region[];
  logger: Logger;
  metrics: Metrics;
  /** Set while the instance stops (SIGTERM): readiness answers 503. */
  health: { draining: boolean };
}
