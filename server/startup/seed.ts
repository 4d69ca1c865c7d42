/**
 * First start: a fresh store is seeded from `bundles/` — every document as revision 1, the
 * shipped calendar published as release 1, every shipped bundle published as version 1 with
 * its artifacts for all regions — and an admin account is created (password from
 * ADMIN_PASSWORD, else generated and returned so it is printed once).
 */
import { assembleDefinitions, hasErrors, pinsOf, PROVINCE, type Bundle } from '../../schemas/index.ts';
import { generatePassword, hashPassword } from '../auth/passwords.ts';
import { BUNDLES_DIR, shippedDocuments } from '../catalog/shipped.ts';
import { compileArtifacts } from '../publish/artifacts.ts';
import type { Store } from '../store/store.ts';

const SYSTEM = { username: 'system' };

/** Seeds an empty store; returns the generated admin password, if one was generated. */
export async function seedIfEmpty(
  store: Store,
  regionCodes: readonly string[],
  adminPassword: string | undefined,
  bundlesDir = BUNDLES_DIR,
): Promise<{ seeded: boolean; generatedPassword?: string }> {
  if (!(await store.isEmpty())) return { seeded: false };
  await store.importDocuments(shippedDocuments(bundlesDir), SYSTEM);
  await store.releaseDocument({ kind: 'calendar', id: 'calendar', actor: SYSTEM });
  const documents = await store.currentDocuments();
  const defs = assembleDefinitions(documents);
  const pins = pinsOf(documents);
  for (const bundle of defs.bundles) {
    const versioned: Bundle = { ...bundle, version: 1 };
    const { artifacts, province } = compileArtifacts(defs, versioned, regionCodes);
    if (hasErrors(province.diagnostics))
      throw new Error(`shipped bundle ${bundle.id} does not compile: ${province.diagnostics[0]!.message}`);
    const version = {
      bundleId: bundle.id,
      version: 1,
      state: 'published' as const,
      pilotRegions: [],
      body: versioned,
      pins,
      createdBy: SYSTEM.username,
    };
    await store.createVersion({ version, artifacts, actor: SYSTEM });
  }
  const password = adminPassword ?? generatePassword();
  await store.createUser({ username: 'admin', role: 'admin', region: PROVINCE, passwordHash: await hashPassword(password) }, SYSTEM);
  return adminPassword ? { seeded: true } : { seeded: true, generatedPassword: password };
}
