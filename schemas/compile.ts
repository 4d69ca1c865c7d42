/**
 * The bundle compiler: definitions + bundle id + region → CompiledBundle.
 * validate → resolve variant → resolve matters → merge fields → per scenario: flow,
 * materials, time limit → emit. Pure and deterministic: the same input gives byte-identical JSON.
 */
import { checkCases } from './check-cases.ts';
import { runCases } from './golden-cases.ts';
import { catalogIndex } from './catalog-index.ts';
import { compileScenario } from './compile-scenario.ts';
import type { CompiledBundle } from './compiled-types.ts';
import { diagnostic, type Diagnostic } from './diagnostics.ts';
import { emitSchema } from './emit-schema.ts';
import { emitUiSchema } from './emit-ui-schema.ts';
import { applyRoster, checkRosterLogic } from './check-roster.ts';
import { checkQuestionIds, checkRuleCases, checkRules, checkScenarioLogic } from './check-logic.ts';
import { withFieldLogic } from './field-logic.ts';
import { buildGuide } from './guide.ts';
import { mergeFields } from './merge-fields.ts';
import { parameterProblems } from './parameters.ts';
import { policyOf } from './policy.ts';
import { resolveMatters } from './resolve-matters.ts';
import { resolveVariant } from './resolve-variant.ts';
import { rosterSectionKeys } from './roster.ts';
import { compileRule } from './rules.ts';
import { REMEDY_TEXT } from './service.ts';
import type { Definitions } from './types.ts';
import { validateDocument } from './validate-documents.ts';

function emptyResult(id: string, region: string, diagnostics: Diagnostic[]): CompiledBundle {
  const base = { id, name: id, version: 0, region, scenarios: [], sections: [], fields: [] };
  return {
    ...base,
    variant: null,
    lead: '',
    departments: [],
    schema: emitSchema(base),
    uiSchema: emitUiSchema([], []),
    rules: [],
    cases: [],
    guide: { title: '', lead: '', departments: [], notes: [], remedy: REMEDY_TEXT, scenarios: [] },
    diagnostics,
  };
}

/** Compiles one bundle for one region (the province's code, or a city's with its variant). */
export function compileBundle(defs: Definitions, bundleId: string, region: string): CompiledBundle {
  const diagnostics: Diagnostic[] = [];
  const source = defs.bundles.find((b) => b.id === bundleId);
  if (!source) return emptyResult(bundleId, region, [diagnostic('bundle.unknown', `bundle:${bundleId}`, '', { bundle: bundleId })]);

  // 1. validate
  diagnostics.push(...validateDocument('dictionary', defs.dictionary, 'dictionary'));
  diagnostics.push(...validateDocument('materials', defs.materials, 'materials'));
  if (defs.calendar) diagnostics.push(...validateDocument('calendar', defs.calendar, 'calendar'));
  if (defs.parameters) {
    const invalid = validateDocument('parameters', defs.parameters, 'parameters');
    diagnostics.push(...(invalid.length ? invalid : parameterProblems(defs.parameters)));
  }
  const bundleProblems = validateDocument('bundle', source, `bundle:${bundleId}`);
  diagnostics.push(...bundleProblems);
  if (bundleProblems.length) return emptyResult(bundleId, region, diagnostics);

  // 2. the region's layer, and the matters it refers to
  const layer = resolveVariant(defs, source, region, diagnostics);
  const bundle = layer.bundle;
  const index = catalogIndex(defs);
  const resolved = resolveMatters(bundle, region, index, layer.extraMaterials, diagnostics);

  // 3. one form
  const merged = mergeFields({
    matters: resolved.matters,
    elements: index.elements,
    sections: defs.dictionary.sections,
    extraFields: layer.extraFields,
    overrides: bundle.fieldOverrides ?? [],
    bundleDoc: `bundle:${bundleId}`,
  });
  diagnostics.push(...merged.diagnostics);
  const doc = `bundle:${bundleId}`;
  const fields = withFieldLogic(merged.fields, index.elements, bundle.fieldConditions ?? [], doc, diagnostics);
  // 职工名单: the sections an employer fills in per employee
  const { sections, roster } = applyRoster(bundle, merged.sections, fields, defs.dictionary.sections, doc, diagnostics);
  checkRosterLogic(bundle, sections, fields, doc, diagnostics);
  const rosterKeys = rosterSectionKeys(sections);

  // 4–5. per scenario: flow, one set of materials, time limits; the logic of its questions
  const policy = policyOf(defs);
  const calendar = defs.calendar ? policy.calendar : undefined;
  const context = { bundle, index, fields, extraFields: layer.extraFields, calendar, diagnostics, roster: roster !== undefined };
  const scenarios = bundle.scenarios.map((s, si) => compileScenario(s, si, resolved.scenarios[si]!, context));
  const logic = { bundle, fields, diagnostics, policy, matterName: (code: string) => index.matters.get(code)?.name ?? code };
  checkQuestionIds(bundle, diagnostics);
  bundle.scenarios.forEach((s, si) => checkScenarioLogic(s, si, logic));

  // the rules: each matter's 受理条件, then the bundle's own
  const rules = [
    ...resolved.matters.flatMap((m) => (m.rules ?? []).map((r) => compileRule(r, m.code, rosterKeys))),
    ...(bundle.rules ?? []).map((r) => compileRule(r, null, rosterKeys)),
  ];
  checkRules(rules, index.matters, logic);

  // 6. emit
  const departments = [...new Set(resolved.matters.map((m) => m.department))];
  const result: CompiledBundle = {
    id: bundle.id,
    name: bundle.name,
    version: bundle.version,
    region,
    variant: layer.variant,
    lead: bundle.lead,
    departments,
    scenarios,
    sections,
    fields,
    rules,
    cases: [],
    schema: emitSchema({ id: bundle.id, name: bundle.name, version: bundle.version, region, scenarios, sections, fields, rules, roster }),
    uiSchema: emitUiSchema(sections, fields, scenarios, roster),
    guide: buildGuide(bundle, scenarios, departments, layer.notes, rules, fields, roster && { sections, maxItems: roster.maxItems }),
    diagnostics,
  };
  if (bundle.description) result.description = bundle.description;
  if (roster) result.roster = roster;
  checkRuleCases(result, index.matters, logic);
  const variant = layer.variant ? defs.variants.find((v) => v.id === layer.variant!.id) : undefined;
  const catalog = {
    matter: (code: string) => index.matters.get(code)?.name ?? code,
    material: (id: string) => index.materials.get(id)?.name ?? id,
  };
  result.cases = runCases(result, source.cases ?? [], variant?.cases ?? [], policy, catalog);
  checkCases(result, source, variant, diagnostics);
  return result;
}
