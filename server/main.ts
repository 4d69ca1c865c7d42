/**
 * `npm start`: opens the embedded store under DATA_DIR (seeding it from bundles/ on first
 * start), loads the runtime, listens on HOST:PORT and prints the URL and how to log in.
 */
import { join } from 'node:path';
import { createApp } from './app.ts';
import { regions } from './catalog/regions.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './http/logger.ts';
import { Runtime } from './runtime/artifacts.ts';
import { DefinitionsCache } from './runtime/definitions.ts';
import { seedIfEmpty } from './store/seed.ts';
import { SqliteStore } from './store/sqlite-store.ts';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const store = new SqliteStore(join(config.dataDir, 'yijianshi.db'));
const allRegions = regions();
const seed = await seedIfEmpty(
  store,
  allRegions.map((r) => r.code),
  config.adminPassword,
);
const runtime = new Runtime(store);
await runtime.load();
const app = createApp({ config, store, runtime, definitions: new DefinitionsCache(store), regions: allRegions, logger });

const server = app.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/`;
  console.log(`一件事 Bundle Studio 已启动：${url}`);
  console.log(`数据目录：${config.dataDir}${seed.seeded ? '（首次启动，已从 bundles/ 导入并发布 14 个一件事）' : ''}`);
  if (seed.generatedPassword)
    console.log(`管理员账号：admin　初始密码：${seed.generatedPassword}（只显示这一次，请登录后妥善保管；也可用 ADMIN_PASSWORD 指定）`);
  else if (seed.seeded) console.log('管理员账号：admin　密码：ADMIN_PASSWORD 所设的值');
  else console.log('管理员账号：admin（密码为首次启动时设置的密码）');
  console.log(`LISTENING ${port}`);
});

const shutdown = () => {
  server.close(() => {
    void store.close().then(() => process.exit(0));
  });
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
