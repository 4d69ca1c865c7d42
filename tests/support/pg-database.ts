/** A database of its own on the test cluster, for one test server; `drop` removes it. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface FreshDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Runs one statement as the cluster's admin. */
async function asAdmin(adminUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** Removes a database, closing its connections. */
export const dropDatabase = (adminUrl: string, name: string) => asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);

/** Creates a database on the cluster `adminUrl` reaches: empty, or a copy of the database `template`. */
export async function freshDatabase(adminUrl: string, template?: string): Promise<FreshDatabase> {
  const name = `yjs_${randomBytes(6).toString('hex')}`;
  await asAdmin(adminUrl, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => dropDatabase(adminUrl, name) };
}
