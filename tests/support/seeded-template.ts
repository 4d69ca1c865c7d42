/**
 * Vitest's global setup: the product seeded once per run — 14 bundles compiled for 14 regions,
 * the admin and the test users — as a template every test server starts from: a copy of the
 * SQLite file, or under `npm run test:pg` a database created from a template database. A test
 * server then opens a store that is already seeded, as a restarted product does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createTestStore, dropTemplate } from './test-store.ts';

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'yjs-template-'));
  const template = await createTestStore(dir);
  project.provide('seededTemplate', template);
  return async () => {
    await dropTemplate(template);
    rmSync(dir, { recursive: true, force: true });
  };
}
