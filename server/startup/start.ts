/**
 * Everything `npm start` (and a test server) needs before listening: the store under
 * DATA_DIR, seeded on first start; the runtime loaded with what is published; the
 * studio's drafts; the regions.
 */
import { join } from 'node:path';
import { loadRegions } from '../catalog/shipped.ts';
import type { Config } from '../config.ts';
import type { AppContext } from '../context.ts';
import type { Logger } from '../http/logger.ts';
import { Runtime } from '../runtime/runtime.ts';
import { SqliteStore } from '../store/sqlite-store.ts';
import { DraftDefinitions } from '../store/drafts.ts';
import { seedIfEmpty } from './seed.ts';

/** A started product: the app context and what seeding did. */
export interface Started {
  context: AppContext;
  seed: { seeded: boolean; generatedPassword?: string };
}

/** Opens and seeds the store, loads the runtime; `file` overrides the database file under DATA_DIR. */
export async function startUp(config: Config, logger: Logger, file = join(config.dataDir, 'yijianshi.db')): Promise<Started> {
  const store = new SqliteStore(file);
  const regions = loadRegions();
  const seed = await seedIfEmpty(
    store,
    regions.map((r) => r.code),
    config.adminPassword,
  );
  const runtime = new Runtime(store);
  await runtime.load();
  return { context: { config, store, runtime, drafts: new DraftDefinitions(store), regions, logger }, seed };
}
