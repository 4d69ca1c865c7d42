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
  /** RATE_LIMIT_POST: public POST requests (validation) per client and minute on each instance; 0 turns the limit off. */
  rateLimitPost: number;
  /** VALIDATOR_KEY: signs precompiled validators (shared by every instance); unset, none is stored or run. */
  validatorKey: string | undefined;
  /** SHUTDOWN_TIMEOUT_MS: how long SIGTERM waits for requests in flight before cutting them. */
  shutdownTimeoutMs: number;
  /** METRICS_TOKEN: when set, /metrics answers only a scrape that sends it as a bearer token. */
  metricsToken: string | undefined;
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

/** VALIDATOR_KEY: at least 32 characters, or unset. */
function validatorKey(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (value.length < 32) throw new Error('VALIDATOR_KEY 至少应有 32 个字符（建议用 openssl rand -hex 32 生成）');
  return value;
}

/** An integer setting within [min, max], or its default when unset. */
function integerIn(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} 应为 ${min}–${max} 之间的整数，现为「${value}」`);
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
    syncIntervalMs: integerIn('SYNC_INTERVAL_MS', env.SYNC_INTERVAL_MS, 5000, 200, 600_000),
    metricsToken: env.METRICS_TOKEN || undefined,
    validatorKey: validatorKey(env.VALIDATOR_KEY),
    rateLimitPost: integerIn('RATE_LIMIT_POST', env.RATE_LIMIT_POST, 600, 0, 1_000_000),
    shutdownTimeoutMs: integerIn('SHUTDOWN_TIMEOUT_MS', env.SHUTDOWN_TIMEOUT_MS, 10_000, 100, 600_000),
    adminPassword: env.ADMIN_PASSWORD || undefined,
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    logLevel: level as Config['logLevel'],
    bodyLimit: env.BODY_LIMIT ?? '256kb',
    studioDir: resolve(env.STUDIO_DIR ?? join(import.meta.dirname, '..', 'dist', 'studio')),
    trustProxy: trustProxy(env.TRUST_PROXY),
    passwordCost: integerIn('PASSWORD_COST', env.PASSWORD_COST, DEFAULT_COST, 14, 20),
  };
}
