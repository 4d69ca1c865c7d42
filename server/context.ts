/** What every router shares: the store, the runtime, the current definitions, regions, logger and config. */
import type { Config } from './config.ts';
import type { Region } from './catalog/regions.ts';
import type { Logger } from './http/logger.ts';
import type { DefinitionsCache } from './runtime/definitions.ts';
import type { Runtime } from './runtime/artifacts.ts';
import type { Store } from './store/store.ts';

/** Shared server state. */
export interface AppContext {
  config: Config;
  store: Store;
  runtime: Runtime;
  definitions: DefinitionsCache;
  regions: Region[];
  logger: Logger;
}
