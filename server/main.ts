/**
 * `npm start`: opens the embedded store under DATA_DIR (seeding it from bundles/ on first
 * start), loads the runtime, listens on HOST:PORT and prints the URL and how to log in.
 */
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './http/logger.ts';
import { startUp, type Started } from './startup/start.ts';

/** Starts the product, or ends the process with one line an operator can act on. */
async function start(): Promise<Started> {
  try {
    const config = loadConfig();
    return await startUp(config, createLogger(config.logLevel));
  } catch (error) {
    console.error(`启动失败：${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

const { context, seed } = await start();
const config = context.config;
const app = createApp(context);

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

/**
 * SIGTERM (an orchestrator stopping the instance): readiness turns 503 so the load balancer
 * sends nothing more, new connections are refused, requests in flight finish and are
 * answered, then the store is closed. Whatever is still running after SHUTDOWN_TIMEOUT_MS is cut.
 */
let stopping = false;
const shutdown = () => {
  if (stopping) return;
  stopping = true;
  context.health.draining = true;
  server.close(() => {
    void context.store.close().then(() => process.exit(0));
  });
  server.closeIdleConnections();
  setTimeout(() => {
    server.closeAllConnections();
    process.exit(1);
  }, config.shutdownTimeoutMs).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
