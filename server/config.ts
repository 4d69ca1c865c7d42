/** Server configuration from environment variables (documented in the README). */
import { join, resolve } from 'node:path';
import { DEFAULT_COST } from './auth/passwords.ts';

/** Everything the server is configured with. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** DATABASE_URL (postgres://…): the PostgreSQL store; unset, the embedded SQLite file in `dataDir`. */
  databaseUrl: string | undefined;
  /** SYNC_INTERVAL_MS: how often an instance compares its state with the database's, should a notification be missed. */
  syncIntervalMs: number;
  /** Admin password from ADMIN_PASSWORD; otherwise one is generated on first start and printed once. */
  adminPassword: string | undefined;
  corsOrigins: string[];
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Maximum JSON body size. */
  bodyLimit: string;
  /** Directory of the built studio, served at / when present. */
  studioDir: string;
  /** log2 of the scrypt cost of new password hashes (17 by default; lower only for tests and small machines). */
  passwordCost: number;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For to believe (false: none, the client is the socket peer). */
  trustProxy: boolean | number | string;
}

/** PASSWORD_COST: log2 of scrypt's N, 14–20 (default 17). */
function passwordCost(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_COST;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 14 || n > 20) throw new Error(`PASSWORD_COST 应为 14–20 之间的整数，现为「${value}」`);
  return n;
}

/** TRUST_PROXY as Express takes it: unset or false → none; true; a hop count; or addresses and subnets. */
function trustProxy(value: string | undefined): Config['trustProxy'] {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** DATABASE_URL: a postgres:// or postgresql:// URL, or unset for the embedded store. */
function databaseUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^postgres(ql)?:\/\//.test(value)) throw new Error('DATABASE_URL 应为 postgres:// 开头的 PostgreSQL 连接地址');
  return value;
}

/** SYNC_INTERVAL_MS: 200 ms to 10 minutes (default 5 s). */
function syncInterval(value: string | undefined): number {
  if (value === undefined || value === '') return 5000;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 200 || n > 600_000) throw new Error(`SYNC_INTERVAL_MS 应为 200–600000 之间的整数，现为「${value}」`);
  return n;
}

/** Reads the configuration from `env`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT 应为 0–65535 之间的整数，现为「${env.PORT}」`);
  const level = env.LOG_LEVEL ?? 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(level)) throw new Error(`LOG_LEVEL 应为 debug、info、warn 或 error，现为「${level}」`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    databaseUrl: databaseUrl(env.DATABASE_URL),
    syncIntervalMs: syncInterval(env.SYNC_INTERVAL_MS),
    adminPassword: env.ADMIN_PASSWORD || undefined,
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    logLevel: level as Config['logLevel'],
    bodyLimit: env.BODY_LIMIT ?? '256kb',
    studioDir: resolve(env.STUDIO_DIR ?? join(import.meta.dirname, '..', 'dist', 'studio')),
    trustProxy: trustProxy(env.TRUST_PROXY),
    passwordCost: passwordCost(env.PASSWORD_COST),
  };
}
