/** What every router shares: the store, the runtime, the studio's drafts, regions, logger and config. */
import type { Region } from '../schemas/index.ts';
import type { Config } from './config.ts';
import type { Logger } from './http/logger.ts';
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
}
