/**
 * The bundle compiler: definitions + bundle id + region → CompiledBundle.
 * validate → resolve variant → merge fields → dedupe materials → time limit → emit.
 * Pure and deterministic: the same input gives byte-identical JSON.
 */
import type { CompiledBundle, CompiledItem, CompiledScenario, MatterSummary, MergedField } from './compiled-types.ts';
import { diagnostic, pointer, type Diagnostic } from './diagnostics.ts';
import { emitSchema } from './emit-schema.ts';
import { emitUiSchema } from './emit-ui-schema.ts';
import { findCycle, scenarioEdges, stages } from './flow.ts';
import { buildGuide, reductionsOf } from './guide.ts';
import { materialRequests } from './materials.ts';
import { mergeFields } from './merge-fields.ts';
import { allMatters, checklistForSelection, requiredMatters, timeLimitFor } from './selection.ts';
import type { Bundle, Definitions, DictionaryElement, MaterialDefinition, Matter, MatterMaterial, Scenario, Variant } from './types.ts';
import { validateDocument } from './validate-documents.ts';
import { applyVariant, type AppliedVariant } from './variant.ts';

interface Index {
  matters: Map<string, Matter>;
  elements: Map<string, DictionaryElement>;
  materials: Map<string, MaterialDefinition>;
}

const indexes = new WeakMap<object, Map<string, unknown>>();

function indexBy<T>(list: readonly T[], key: (t: T) => string): Map<string, T> {
  let map = indexes.get(list) as Map<string, T> | undefined;
  if (!map) {
    map = new Map();
    for (const item of list) if (!map.has(key(item))) map.set(key(item), item);
    indexes.set(list, map as Map<string, unknown>);
  }
  return map;
}

function indexOf(defs: Definitions): Index {
  return {
    matters: indexBy(defs.matters, (m) => m.code),
    elements: indexBy(defs.dictionary.elements, (e) => e.id),
    materials: indexBy(defs.materials.materials, (m) => m.id),
  };
}

/** The variant a region applies to a bundle, if any. */
export function variantFor(defs: Definitions, bundleId: string, region: string): Variant | undefined {
  return defs.variants.find((v) => v.bundle === bundleId && v.region === region);
}

function summary(m: Matter): MatterSummary {
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
  if (m.result) s.result = m.result;
  return s;
}

/** Checks a matter's own references and time limits, once per compile. */
function checkMatter(m: Matter, index: Index): Diagnostic[] {
  const doc = `matter:${m.code}`;
  const out: Diagnostic[] = [];
  m.fields.forEach((f, i) => {
    if ('ref' in f && !index.elements.has(f.ref)) out.push(diagnostic('field.unknown', doc, pointer('fields', i, 'ref'), { field: f.ref }));
  });
  m.materials.forEach((mat, i) => {
    if (!index.materials.has(mat.ref)) out.push(diagnostic('material.unknown', doc, pointer('materials', i, 'ref'), { material: mat.ref }));
  });
  if (m.result?.material && !index.materials.has(m.result.material)) {
    out.push(diagnostic('material.unknown', doc, pointer('result', 'material'), { material: m.result.material }));
  }
  if (m.promisedDays > m.legalDays) {
    out.push(
      diagnostic('time.promise-exceeds-legal', doc, pointer('promisedDays'), {
        matter: m.name,
        promised: m.promisedDays,
        legal: m.legalDays,
      }),
    );
  }
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

/**
 * Guardrail: a city may not require a material the province exempted through 告知承诺 or
 * 电子证照 (the policy is to cut materials). Refused ones become `variant.conflict`.
 */
function guardMaterials(
  defs: Definitions,
  base: Bundle,
  variant: Variant,
  extras: AppliedVariant['extraMaterials'],
  diagnostics: Diagnostic[],
): AppliedVariant['extraMaterials'] {
  const matters = indexBy(defs.matters, (m) => m.code);
  const exempted = new Set<string>();
  for (const s of base.scenarios)
    for (const item of s.items)
      for (const mat of matters.get(item.matter)?.materials ?? []) if (mat.commitment || mat.eLicense) exempted.add(mat.ref);
  return extras.filter((e) => {
    if (e.material.necessity === 'optional' || !exempted.has(e.material.ref)) return true;
    const index = variant.operations.findIndex(
      (op) => op.op === 'addLocalMaterial' && op.matter === e.matter && op.material.ref === e.material.ref,
    );
    diagnostics.push(
      diagnostic('variant.conflict', `variant:${variant.id}`, pointer('operations', index), {
        detail: `材料「${e.material.ref}」在省级已通过告知承诺或电子证照免于提交，地方不能再要求提交`,
      }),
    );
    return false;
  });
}

function emptyResult(id: string, region: string, diagnostics: Diagnostic[]): CompiledBundle {
  const base = { id, name: id, version: 0, region, scenarios: [], sections: [], fields: [] };
  return {
    ...base,
    variant: null,
    lead: '',
    departments: [],
    schema: emitSchema(base),
    uiSchema: emitUiSchema([], []),
    guide: { title: '', lead: '', departments: [], notes: [], scenarios: [] },
    diagnostics,
  };
}

/** What one scenario's compile needs from the bundle's. */
interface ScenarioContext {
  bundle: Bundle;
  bundleDoc: string;
  index: Index;
  fields: MergedField[];
  extraFields: AppliedVariant['extraFields'];
  diagnostics: Diagnostic[];
}

/** Steps 4–5 for one scenario: its flow, materials, time limits and reductions. */
function compileScenario(s: Scenario, si: number, list: { matter: Matter; index: number }[], ctx: ScenarioContext): CompiledScenario {
  const { bundle, bundleDoc, index, diagnostics } = ctx;
  const codes = list.map((x) => x.matter.code);
  const known = new Set(codes);
  (s.edges ?? []).forEach((e, ei) => {
    for (const end of [e.before, e.after]) {
      if (!s.items.some((i) => i.matter === end))
        diagnostics.push(diagnostic('flow.edge-unknown', bundleDoc, pointer('scenarios', si, 'edges', ei), { matter: end }));
    }
  });
  let edges = scenarioEdges(
    s.mode,
    codes,
    (s.edges ?? []).filter((e) => known.has(e.before) && known.has(e.after)),
  );
  const cycle = findCycle(codes, edges);
  if (cycle) {
    const names = cycle.map((c) => index.matters.get(c)?.name ?? c);
    diagnostics.push(diagnostic('flow.cycle', bundleDoc, pointer('scenarios', si, 'edges'), { cycle: names.join(' → ') }));
    edges = scenarioEdges(s.mode, codes, []);
  }
  if (codes.length === 0)
    diagnostics.push(diagnostic('scenario.no-selectable-matter', bundleDoc, pointer('scenarios', si, 'items'), { scenario: s.label }));
  const items: CompiledItem[] = list.map(({ matter, index: ii }) => ({
    selection: s.items[ii]!.selection,
    locked: s.items[ii]!.locked === true,
    matter: summary(matter),
  }));
  const promisedDays = s.promisedDays ?? bundle.promisedDays;
  const compiled: CompiledScenario = {
    id: s.id,
    label: s.label,
    target: s.target,
    mode: s.mode,
    items,
    edges,
    stages: stages(codes, edges),
    materials: materialRequests(
      list.map((x) => x.matter),
      index.materials,
    ),
    timeLimit: { criticalDays: 0, criticalPath: [], days: 0 },
    requiredOnlyTimeLimit: { criticalDays: 0, criticalPath: [], days: 0 },
    checklist: [],
    reductions: {
      fields: { before: 0, after: 0 },
      materials: { before: 0, after: 0 },
      days: { before: 0, after: 0 },
      steps: { before: 0, after: 0 },
      visits: { before: 0, after: 0 },
    },
  };
  if (s.guide) compiled.guide = s.guide;
  if (promisedDays !== undefined) compiled.promisedDays = promisedDays;
  compiled.timeLimit = timeLimitFor(compiled, allMatters(compiled));
  compiled.requiredOnlyTimeLimit = timeLimitFor(compiled, requiredMatters(compiled));
  compiled.checklist = checklistForSelection(compiled, allMatters(compiled));
  if (promisedDays !== undefined && codes.length && promisedDays > compiled.timeLimit.criticalDays) {
    const at = s.promisedDays !== undefined ? pointer('scenarios', si, 'promisedDays') : pointer('promisedDays');
    diagnostics.push(
      diagnostic('time.promise-exceeds-critical-path', bundleDoc, at, {
        promised: promisedDays,
        critical: compiled.timeLimit.criticalDays,
      }),
    );
  }
  compiled.reductions = reductionsOf(
    compiled,
    list.map((x) => x.matter),
    ctx.fields,
    ctx.extraFields,
  );
  return compiled;
}

/** Compiles one bundle for one region (the province's code, or a city's with its variant). */
export function compileBundle(defs: Definitions, bundleId: string, region: string): CompiledBundle {
  const diagnostics: Diagnostic[] = [];
  const source = defs.bundles.find((b) => b.id === bundleId);
  if (!source) return emptyResult(bundleId, region, [diagnostic('bundle.unknown', `bundle:${bundleId}`, '', { bundle: bundleId })]);
  const bundleDoc = `bundle:${bundleId}`;

  // 1. validate
  diagnostics.push(...validateDocument('dictionary', defs.dictionary, 'dictionary'));
  diagnostics.push(...validateDocument('materials', defs.materials, 'materials'));
  if (defs.calendar) diagnostics.push(...validateDocument('calendar', defs.calendar, 'calendar'));
  const bundleProblems = validateDocument('bundle', source, bundleDoc);
  diagnostics.push(...bundleProblems);
  if (bundleProblems.length) return emptyResult(bundleId, region, diagnostics);

  // 2. resolve variant
  let bundle: Bundle = source;
  let variantRef: CompiledBundle['variant'] = null;
  const extraFields: AppliedVariant['extraFields'] = [];
  const extraMaterials: AppliedVariant['extraMaterials'] = [];
  const notes: string[] = [];
  const variant = region === source.region ? undefined : variantFor(defs, bundleId, region);
  if (variant) {
    const variantProblems = validateDocument('variant', variant, `variant:${variant.id}`);
    diagnostics.push(...variantProblems);
    if (!variantProblems.length) {
      const applied = applyVariant(source, variant);
      bundle = applied.bundle;
      extraFields.push(...applied.extraFields);
      notes.push(...applied.notes);
      extraMaterials.push(...guardMaterials(defs, source, variant, applied.extraMaterials, diagnostics));
      diagnostics.push(...applied.diagnostics);
      variantRef = { id: variant.id, baseVersion: variant.baseVersion };
    }
  }

  // references and matters
  const index = indexOf(defs);
  const matters: Matter[] = [];
  const seenMatters = new Set<string>();
  const seenScenarios = new Set<string>();
  const scenarioMatters = bundle.scenarios.map((s, si) => {
    if (seenScenarios.has(s.id))
      diagnostics.push(diagnostic('scenario.duplicate-id', bundleDoc, pointer('scenarios', si, 'id'), { scenario: s.id }));
    seenScenarios.add(s.id);
    const list: { matter: Matter; index: number }[] = [];
    const inScenario = new Set<string>();
    s.items.forEach((item, ii) => {
      const at = pointer('scenarios', si, 'items', ii, 'matter');
      const catalogMatter = index.matters.get(item.matter);
      const extras = extraMaterials.filter((e) => e.matter === item.matter).map((e) => e.material);
      const m = catalogMatter && extras.length ? withMaterials(catalogMatter, extras) : catalogMatter;
      if (inScenario.has(item.matter)) return diagnostics.push(diagnostic('matter.duplicate', bundleDoc, at, { matter: item.matter }));
      inScenario.add(item.matter);
      if (!m) return diagnostics.push(diagnostic('matter.unknown', bundleDoc, at, { matter: item.matter }));
      if (m.region && m.region !== region)
        return diagnostics.push(diagnostic('matter.other-region', bundleDoc, at, { matter: m.name, owner: m.region, region }));
      if (!seenMatters.has(m.code)) {
        seenMatters.add(m.code);
        const problems = validateDocument('matter', m, `matter:${m.code}`);
        diagnostics.push(...problems);
        if (problems.length) return;
        diagnostics.push(...checkMatter(m, index));
        matters.push(m);
      } else if (!matters.includes(m)) return;
      if (m.target !== s.target)
        diagnostics.push(diagnostic('scenario.target-mismatch', bundleDoc, at, { matter: m.name, scenario: s.label }));
      list.push({ matter: m, index: ii });
    });
    return list;
  });

  // 3. merge fields
  const merged = mergeFields({
    matters,
    elements: index.elements,
    sections: defs.dictionary.sections,
    extraFields,
    overrides: bundle.fieldOverrides ?? [],
    bundleDoc,
  });
  diagnostics.push(...merged.diagnostics);

  // 4–5. per scenario: flow, materials, time
  const scenarioContext: ScenarioContext = { bundle, bundleDoc, index, fields: merged.fields, extraFields, diagnostics };
  const scenarios = bundle.scenarios.map((s, si) => compileScenario(s, si, scenarioMatters[si]!, scenarioContext));

  // 6. emit
  const departments = [...new Set(matters.map((m) => m.department))];
  const result: CompiledBundle = {
    id: bundle.id,
    name: bundle.name,
    version: bundle.version,
    region,
    variant: variantRef,
    lead: bundle.lead,
    departments,
    scenarios,
    sections: merged.sections,
    fields: merged.fields,
    schema: emitSchema({
      id: bundle.id,
      name: bundle.name,
      version: bundle.version,
      region,
      scenarios,
      sections: merged.sections,
      fields: merged.fields,
    }),
    uiSchema: emitUiSchema(merged.sections, merged.fields),
    guide: buildGuide(bundle, scenarios, departments, notes),
    diagnostics,
  };
  if (bundle.description) result.description = bundle.description;
  return result;
}
