/**
 * The seeded store every test server starts from, made once per run (seeded-template.ts): the
 * product's first start — seeding, the admin with the suites' PASSWORD — on a SQLite file or a
 * PostgreSQL template database. Each test server gets its own copy (and adds the test users).
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '../../schemas/index.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { createLogger } from '../../server/http/logger.ts';
import { startUp } from '../../server/startup/start.ts';
import type { Store } from '../../server/store/store.ts';
import { dropDatabase, freshDatabase, type FreshDatabase } from './pg-database.ts';

export const PASSWORD = 'correct-horse-battery';

/** The users every suite gets. */
export const USERS: Record<string, { role: Role; region: string }> = {
  admin: { role: 'admin', region: '320000' },
  suzhou: { role: 'city-editor', region: '320500' },
  nanjing: { role: 'city-editor', region: '320100' },
  viewer: { role: 'viewer', region: '320000' },
};

/** Where the seeded template is: a SQLite file, or a PostgreSQL database on TEST_DATABASE_URL's cluster. */
export interface SeededTemplate {
  sqliteFile?: string;
  pgDatabase?: string;
}

// what the global setup provides to every test file (inject('seededTemplate'))
declare module 'vitest' {
  export interface ProvidedContext {
    seededTemplate: SeededTemplate;
  }
}

/** The configuration of a test server in `dataDir` (and on `databaseUrl` under test:pg), `env` on top. */
export function testConfig(dataDir: string, databaseUrl?: string, env: Record<string, string> = {}): Config {
  return {
    ...loadConfig({
      DATA_DIR: dataDir,
      ADMIN_PASSWORD: PASSWORD,
      // a cheaper scrypt cost keeps the suites fast; the default (2^17) has its own test
      PASSWORD_COST: '14',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...env,
    }),
    studioDir: join(dataDir, 'no-studio'),
  };
}

/** Seeds a store as a first start does. */
export async function seedTestStore(config: Config): Promise<void> {
  const { context } = await startUp(
    config,
    createLogger('error', () => {}),
  );
  await context.store.close();
}

/** Adds the test users (the admin is the seed's), each with PASSWORD. */
export async function addTestUsers(store: Store, passwordCost: number): Promise<void> {
  const hash = await hashPassword(PASSWORD, passwordCost);
  for (const [username, u] of Object.entries(USERS))
    if (username !== 'admin') await store.createUser({ username, ...u, passwordHash: hash }, { username: 'test' });
}

/** Makes the run's template in `dir` (or on the PostgreSQL cluster under test:pg). */
export async function createTestStore(dir: string): Promise<SeededTemplate> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const database = await freshDatabase(adminUrl);
    await seedTestStore(testConfig(dir, database.url));
    return { pgDatabase: database.name };
  }
  await seedTestStore(testConfig(dir));
  return { sqliteFile: join(dir, 'yijianshi.db') };
}

/** Removes the run's template database (a SQLite template goes with its directory). */
export async function dropTemplate(template: SeededTemplate): Promise<void> {
  if (template.pgDatabase && process.env.TEST_DATABASE_URL) await dropDatabase(process.env.TEST_DATABASE_URL, template.pgDatabase);
}

/**
 * One test server's store, copied from the template: the SQLite file into `dataDir`, or a new
 * database from the template database (returned, to drop). Without a template, nothing is
 * copied and the server seeds itself.
 */
export async function copyTemplate(template: SeededTemplate | undefined, dataDir: string): Promise<FreshDatabase | undefined> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) return freshDatabase(adminUrl, template?.pgDatabase);
  if (template?.sqliteFile) copyFileSync(template.sqliteFile, join(dataDir, 'yijianshi.db'));
  return undefined;
}
