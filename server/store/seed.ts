/**
 * First start: a fresh store is seeded from `bundles/` (every document as revision 1),
 * every shipped bundle is published as version 1 with its artifacts for all regions, and
 * an admin account is created (password from ADMIN_PASSWORD, else generated and returned
 * so it is printed once).
 */
import { readFileSync } from 'node:fs';
import { hasErrors, type Bundle } from '../../schemas/index.ts';
import { generatePassword, hashPassword } from '../auth/passwords.ts';
import { documentFiles } from '../catalog/load-definitions.ts';
import { compileArtifacts } from '../runtime/artifacts.ts';
import { definitionsFrom } from '../runtime/definitions.ts';
import type { DocumentKind, Store } from './store.ts';

const SYSTEM = { username: 'system' };

/** Seeds an empty store; returns the generated admin password, if one was generated. */
export async function seedIfEmpty(
  store: Store,
  regionCodes: string[],
  adminPassword: string | undefined,
  bundlesDir?: string,
): Promise<{ seeded: boolean; generatedPassword?: string }> {
  if (!(await store.isEmpty())) return { seeded: false };
  const docs = documentFiles(bundlesDir)
    .filter((f) => f.kind !== 'regions')
    .map((f) => {
      const body = JSON.parse(readFileSync(f.file, 'utf8')) as Record<string, unknown>;
      const kind = f.kind as DocumentKind;
      const id = kind === 'matter' ? String(body.code) : kind === 'bundle' || kind === 'variant' ? String(body.id) : kind;
      const region = (kind === 'matter' || kind === 'variant') && typeof body.region === 'string' ? body.region : null;
      return { kind, id, body, region };
    });
  await store.importDocuments(docs, SYSTEM);
  const defs = definitionsFrom(await store.currentDocuments());
  for (const bundle of defs.bundles) {
    const versioned: Bundle = { ...bundle, version: 1 };
    const { artifacts, province } = compileArtifacts(defs, versioned, regionCodes);
    if (hasErrors(province.diagnostics))
      throw new Error(`shipped bundle ${bundle.id} does not compile: ${province.diagnostics[0]!.message}`);
    await store.createVersion({
      version: { bundleId: bundle.id, version: 1, state: 'published', pilotRegions: [], body: versioned, createdBy: SYSTEM.username },
      artifacts,
      actor: SYSTEM,
    });
  }
  const password = adminPassword ?? generatePassword();
  await store.createUser({ username: 'admin', role: 'admin', region: '320000', passwordHash: await hashPassword(password) }, SYSTEM);
  return adminPassword ? { seeded: true } : { seeded: true, generatedPassword: password };
}
