/**
 * Everything `npm start` (and a test server) needs before listening: the data directory
 * checked, the store opened and seeded on first start, the runtime loaded with what is
 * published, the studio's drafts, the regions. What an operator can fix is a StartupError.
 */
import { join } from 'node:path';
import { loadRegions } from '../catalog/shipped.ts';
import type { Config } from '../config.ts';
import type { AppContext } from '../context.ts';
import type { Logger } from '../http/logger.ts';
import { Metrics } from '../http/metrics.ts';
import { Runtime } from '../runtime/runtime.ts';
import { DraftDefinitions } from '../store/drafts.ts';
import { PgStore } from '../store/pg-store.ts';
import { SqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { causeOf, prepareDataDir, StartupError } from './data-dir.ts';
import { addMissingPolicy, seedIfEmpty } from './seed.ts';
import { startSync } from './sync.ts';

export { StartupError };

/** A started product: the app context and what seeding did. */
export interface Started {
  context: AppContext;
  seed: { seeded: boolean; generatedPassword?: string };
}

/** How to open the store: `maxPageCount` caps the SQLite file (tests make the disk "full" with it). */
export interface StoreOptions {
  maxPageCount?: number;
}

/** The PostgreSQL store when DATABASE_URL is set, otherwise the SQLite file in the data directory. */
async function openStore(config: Config, options: StoreOptions): Promise<Store> {
  if (config.databaseUrl) {
    try {
      return await PgStore.open(config.databaseUrl);
    } catch (error) {
      // the URL carries a password: name the server only
      const where = new URL(config.databaseUrl).host;
      throw new StartupError(`无法连接 PostgreSQL 数据库（${where}）：${causeOf(error)}`);
    }
  }
  try {
    return new SqliteStore(join(config.dataDir, 'yijianshi.db'), options);
  } catch (error) {
    throw new StartupError(`无法打开数据目录 ${config.dataDir} 中的数据库：${causeOf(error)}`);
  }
}

/** Checks the data directory, opens and seeds the store, loads the runtime. */
export async function startUp(config: Config, logger: Logger, options: StoreOptions = {}): Promise<Started> {
  prepareDataDir(config.dataDir);
  const store = await openStore(config, options);
  const regions = loadRegions();
  let seed: Started['seed'];
  try {
    seed = await seedIfEmpty(
      store,
      regions.map((r) => r.code),
      config.adminPassword,
      config.passwordCost,
    );
  } catch (error) {
    await store.close();
    if (error instanceof StartupError) throw error;
    const full = /full/i.test(String((error as Error).message));
    const cause = full ? `数据目录 ${config.dataDir} 所在磁盘空间不足` : causeOf(error);
    throw new StartupError(`首次导入失败：${cause}；未写入任何内容，解决后重新启动即可`);
  }
  try {
    for (const kind of await addMissingPolicy(store)) logger.info('shipped policy document added', { kind });
  } catch (error) {
    await store.close();
    throw new StartupError(`补充随产品提供的政策文档失败：${causeOf(error)}；未写入任何内容，解决后重新启动即可`);
  }
  const metrics = new Metrics();
  // stored validator code runs only when signed with VALIDATOR_KEY, which lives in the environment, never with the data:
  // whoever can write the data directory or the database cannot make the server run code
  const key = config.validatorKey;
  const runtime = new Runtime(store, { key, loaded: (source) => metrics.validatorReady(source) });
  await runtime.load();
  const drafts = new DraftDefinitions(store);
  // other instances on the same database: what they publish or edit is served here too
  await startSync({ store, runtime, logger }, config.syncIntervalMs);
  return { context: { config, store, runtime, drafts, regions, logger, metrics, health: { draining: false } }, seed };
}
