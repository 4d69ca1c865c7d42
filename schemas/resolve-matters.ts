/**
 * The bundle's references resolved: each scenario's items become catalog matters (with a
 * city's extra material requirements added), once each, checked once per compile. Unknown,
 * duplicated and other cities' matters are reported and left out.
 */
import type { MatterSummary } from './compiled-types.ts';
import type { CatalogIndex } from './catalog-index.ts';
import { diagnostic, pointer, type Diagnostic } from './diagnostics.ts';
import { logicProblems } from './rules.ts';
import { basisText } from './service.ts';
import type { Bundle, Matter, MatterMaterial } from './types.ts';
import { validateDocument } from './validate-documents.ts';
import type { AppliedVariant } from './variant.ts';

/** A matter of a scenario and the index of its item. */
export interface ScenarioMatter {
  matter: Matter;
  index: number;
}

/** The matters of the bundle (each once, in first-used order) and of each scenario. */
export interface ResolvedMatters {
  matters: Matter[];
  scenarios: ScenarioMatter[][];
}

/** A matter as front ends need it. */
export function matterSummary(m: Matter): MatterSummary {
  const s: MatterSummary = {
    code: m.code,
    name: m.name,
    kind: m.kind,
    target: m.target,
    department: m.department,
    legalDays: m.legalDays,
    promisedDays: m.promisedDays,
    visits: m.visits,
  };
  if (m.legalDaysBasis) s.legalDaysBasis = m.legalDaysBasis;
  if (m.minimumDays !== undefined) s.minimumDays = m.minimumDays;
  if (m.result) s.result = m.result;
  if (m.basis?.length) s.basis = basisText(m.basis);
  else if (m.basisNote) s.basisNote = m.basisNote;
  if (m.service) s.service = m.service;
  return s;
}

/** The first paper original a matter asks for that nothing replaces (no 告知承诺, no 电子证照): it takes a visit. */
export function paperOriginal(m: Pick<Matter, 'materials'>): MatterMaterial | undefined {
  return m.materials.find((x) => x.necessity === 'required' && x.form === 'paper' && !x.commitment && !x.eLicense);
}

/** Checks a matter's own references, time limits, visits and 告知承诺 (the compiler's and an import's check). */
export function matterProblems(m: Matter, index: CatalogIndex): Diagnostic[] {
  const doc = `matter:${m.code}`;
  const loc = { matter: m.code };
  const out: Diagnostic[] = [];
  m.fields.forEach((f, i) => {
    if ('ref' in f && !index.elements.has(f.ref))
      out.push(diagnostic('field.unknown', doc, pointer('fields', i, 'ref'), { field: f.ref }, loc));
  });
  m.materials.forEach((mat, i) => {
    const known = index.materials.get(mat.ref);
    if (!known) out.push(diagnostic('material.unknown', doc, pointer('materials', i, 'ref'), { material: mat.ref }, loc));
    else if (mat.commitment && !known.commitment)
      out.push(
        diagnostic(
          'material.commitment-not-allowed',
          doc,
          pointer('materials', i, 'commitment'),
          { material: known.name, matter: m.name },
          loc,
        ),
      );
  });
  if (m.result?.material && !index.materials.has(m.result.material)) {
    out.push(diagnostic('material.unknown', doc, pointer('result', 'material'), { material: m.result.material }, loc));
  }
  (m.dependsOn ?? []).forEach((d, i) => {
    if (!index.matters.has(d.matter))
      out.push(diagnostic('matter.dependency-unknown', doc, pointer('dependsOn', i, 'matter'), { matter: d.matter }, loc));
  });
  const original = paperOriginal(m);
  if (original && m.visits === 0)
    out.push(
      diagnostic(
        'matter.visits-originals',
        doc,
        pointer('visits'),
        { matter: m.name, material: index.materials.get(original.ref)?.name ?? original.ref },
        loc,
      ),
    );
  out.push(...matterOwnProblems(m));
  return out;
}

/**
 * What a matter gets wrong on its own, whatever the catalog: a promise above the law's limit
 * (承诺 ≤ 法定), and a 受理条件 rule using what no rule may (the one set of operations of rules.ts,
 * checked here for the matter's rules wherever the matter is saved, imported, released or compiled).
 */
export function matterOwnProblems(m: Pick<Matter, 'code' | 'name' | 'legalDays' | 'promisedDays' | 'rules'>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const doc = `matter:${m.code}`;
  if (m.legalDays !== null && m.promisedDays > m.legalDays) {
    const params = { matter: m.name, promised: m.promisedDays, legal: m.legalDays };
    out.push(diagnostic('time.promise-exceeds-legal', doc, pointer('promisedDays'), params, { matter: m.code }));
  }
  (m.rules ?? []).forEach((r, i) => {
    for (const detail of logicProblems(r.logic))
      out.push(
        diagnostic(
          'rule.invalid',
          doc,
          pointer('rules', i, 'logic'),
          { rule: r.message, detail },
          { rule: `${m.code}/${r.id}`, matter: m.code },
        ),
      );
  });
  return out;
}

const withMaterialsCache = new WeakMap<Matter, Map<string, Matter>>();

/** A matter with a city's local material requirements added (memoised so validation caching still works). */
function withMaterials(m: Matter, extras: MatterMaterial[]): Matter {
  const key = JSON.stringify(extras);
  let byKey = withMaterialsCache.get(m);
  if (!byKey) withMaterialsCache.set(m, (byKey = new Map()));
  let out = byKey.get(key);
  if (!out) byKey.set(key, (out = { ...m, materials: [...m.materials, ...extras] }));
  return out;
}

/** Resolves every scenario's items for `region`; problems go to `diagnostics`. */
export function resolveMatters(
  bundle: Bundle,
  region: string,
  index: CatalogIndex,
  extraMaterials: AppliedVariant['extraMaterials'],
  diagnostics: Diagnostic[],
): ResolvedMatters {
  const bundleDoc = `bundle:${bundle.id}`;
  const matters: Matter[] = [];
  const checked = new Set<string>();
  const scenarioIds = new Set<string>();
  const scenarios = bundle.scenarios.map((s, si) => {
    if (scenarioIds.has(s.id))
      diagnostics.push(
        diagnostic('scenario.duplicate-id', bundleDoc, pointer('scenarios', si, 'id'), { scenario: s.id }, { scenario: s.id }),
      );
    scenarioIds.add(s.id);
    const list: ScenarioMatter[] = [];
    const inScenario = new Set<string>();
    s.items.forEach((item, ii) => {
      const at = pointer('scenarios', si, 'items', ii, 'matter');
      const loc = { scenario: s.id, matter: item.matter };
      const report = (
        code: 'matter.duplicate' | 'matter.unknown' | 'matter.other-region' | 'scenario.target-mismatch',
        params: Record<string, string>,
      ) => diagnostics.push(diagnostic(code, bundleDoc, at, params, loc));
      if (inScenario.has(item.matter)) return report('matter.duplicate', { matter: item.matter });
      inScenario.add(item.matter);
      const catalogMatter = index.matters.get(item.matter);
      if (!catalogMatter) return report('matter.unknown', { matter: item.matter });
      const extras = extraMaterials.filter((e) => e.matter === item.matter).map((e) => e.material);
      const m = extras.length ? withMaterials(catalogMatter, extras) : catalogMatter;
      if (m.region && m.region !== region) return report('matter.other-region', { matter: m.name, owner: m.region, region });
      if (!checked.has(m.code)) {
        checked.add(m.code);
        const problems = validateDocument('matter', m, `matter:${m.code}`).map((d) => ({ ...d, loc: { matter: m.code } }));
        diagnostics.push(...problems);
        if (problems.length) return;
        diagnostics.push(...matterProblems(m, index));
        matters.push(m);
      } else if (!matters.includes(m)) return;
      if (m.target !== s.target) report('scenario.target-mismatch', { matter: m.name, scenario: s.label });
      list.push({ matter: m, index: ii });
    });
    return list;
  });
  return { matters, scenarios };
}
