/**
 * First start: a fresh store is seeded from `bundles/` in one transaction — every document
 * as revision 1, the shipped calendar published as release 1, every shipped bundle published
 * as version 1 with its artifacts for all regions, and the admin account (password from
 * ADMIN_PASSWORD, else generated and returned so it is printed once). A failure writes nothing.
 */
import { assembleDefinitions, hasErrors, isReleased, pinsOf, POLICY_KINDS, PROVINCE, type Bundle } from '../../schemas/index.ts';
import { passwordProblems } from '../auth/password-policy.ts';
import { generatePassword, hashPassword } from '../auth/passwords.ts';
import { BUNDLES_DIR, shippedDocuments } from '../catalog/shipped.ts';
import { compileArtifacts } from '../publish/artifacts.ts';
import type { Seed, Store } from '../store/store.ts';
import { StartupError } from './data-dir.ts';

const SYSTEM = { username: 'system' };

/** Seeds an empty store; returns the generated admin password, if one was generated. */
export async function seedIfEmpty(
  store: Store,
  regionCodes: readonly string[],
  adminPassword: string | undefined,
  passwordCost: number,
  bundlesDir = BUNDLES_DIR,
): Promise<{ seeded: boolean; generatedPassword?: string }> {
  if (!(await store.isEmpty())) return { seeded: false };
  const weak = adminPassword === undefined ? [] : passwordProblems(adminPassword, 'admin');
  if (weak.length) throw new StartupError(`ADMIN_PASSWORD 不符合密码要求：${weak.join('；')}`);
  const documents = shippedDocuments(bundlesDir);
  const defs = assembleDefinitions(documents);
  const pins = pinsOf(documents.filter((d) => d.region === null).map((d) => ({ ...d, rev: 1 })));
  const versions: Seed['versions'] = defs.bundles.map((bundle) => {
    const versioned: Bundle = { ...bundle, version: 1 };
    const { artifacts, province } = compileArtifacts(defs, versioned, regionCodes);
    if (hasErrors(province.diagnostics))
      throw new Error(`shipped bundle ${bundle.id} does not compile: ${province.diagnostics[0]!.message}`);
    return {
      version: { bundleId: bundle.id, version: 1, state: 'published', pilotRegions: [], body: versioned, pins, createdBy: SYSTEM.username },
      artifacts,
    };
  });
  const password = adminPassword ?? generatePassword();
  const admin = { username: 'admin', role: 'admin' as const, region: PROVINCE, passwordHash: await hashPassword(password, passwordCost) };
  // the calendar, the cities' variants and their own matters are published as they ship
  const releases = documents.filter((d) => isReleased(d.kind, d.region)).map((d) => ({ kind: d.kind, id: d.id }));
  await store.seed({ documents, releases, versions, admin }, SYSTEM);
  return adminPassword ? { seeded: true } : { seeded: true, generatedPassword: password };
}

/**
 * A store seeded before a kind of the policy existed (the 政策参数 came after the calendar) gets
 * the shipped document as its first revision and first release, so rules that name a parameter
 * are judged at once. Instances starting together write it once: the write expects no document,
 * and a revision already released is not released again. Returns the kinds it added.
 */
export async function addMissingPolicy(store: Store, bundlesDir = BUNDLES_DIR): Promise<string[]> {
  const added: string[] = [];
  for (const kind of POLICY_KINDS) {
    if (await store.getDocument(kind, kind)) continue;
    const shipped = shippedDocuments(bundlesDir).find((d) => d.kind === kind);
    if (!shipped) continue;
    const put = await store.putDocument({
      kind,
      id: kind,
      body: shipped.body,
      region: null,
      expectedRev: null,
      actor: SYSTEM,
      action: 'create',
    });
    if (put.ok && (await store.releaseDocument({ kind, id: kind, actor: SYSTEM }))) added.push(kind);
  }
  return added;
}
