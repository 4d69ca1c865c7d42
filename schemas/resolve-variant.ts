/**
 * Step 2 of the compiler: the bundle as a region sees it. The province's own region gets
 * the bundle; a city with a variant gets the variant applied, plus what its operations add
 * outside the bundle document (local fields, local material requirements, guide notes),
 * with the guardrails that need the catalog checked here.
 */
import type { CompiledBundle } from './compiled-types.ts';
import { indexBy } from './catalog-index.ts';
import { diagnostic, pointer, type Diagnostic } from './diagnostics.ts';
import type { Bundle, Definitions, Matter, Variant } from './types.ts';
import { validateDocument } from './validate-documents.ts';
import { applyVariant, type AppliedVariant, type Names } from './variant.ts';

/** The bundle a region sees and the additions of its variant. */
export interface RegionLayer {
  bundle: Bundle;
  variant: CompiledBundle['variant'];
  extraFields: AppliedVariant['extraFields'];
  extraMaterials: AppliedVariant['extraMaterials'];
  notes: string[];
}

/** How messages name the catalog's matters and materials. */
export function namesOf(defs: Definitions): Names {
  const matters = indexBy(defs.matters, (m) => m.code);
  const materials = indexBy(defs.materials.materials, (m) => m.id);
  return { matter: (code) => matters.get(code)?.name ?? code, material: (id) => materials.get(id)?.name ?? id };
}

/** The variant a region applies to a bundle, if any. */
export function variantFor(defs: Definitions, bundleId: string, region: string): Variant | undefined {
  return defs.variants.find((v) => v.bundle === bundleId && v.region === region);
}

/**
 * Guardrail: a city may not require a material the province exempted through 告知承诺 or
 * 电子证照 (the policy is to cut materials). Refused ones become `variant.conflict`.
 */
function guardMaterials(
  matters: ReadonlyMap<string, Matter>,
  base: Bundle,
  variant: Variant,
  extras: AppliedVariant['extraMaterials'],
  diagnostics: Diagnostic[],
  names: Names,
): AppliedVariant['extraMaterials'] {
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
      diagnostic(
        'variant.conflict',
        `variant:${variant.id}`,
        pointer('operations', index),
        { detail: `材料「${names.material(e.material.ref)}」在省级已通过告知承诺或电子证照免于提交，地方不能再要求提交` },
        { operation: index, matter: e.matter },
      ),
    );
    return false;
  });
}

/** The layer of `region` over the provincial `source` bundle; problems go to `diagnostics`. */
export function resolveVariant(defs: Definitions, source: Bundle, region: string, diagnostics: Diagnostic[]): RegionLayer {
  const layer: RegionLayer = { bundle: source, variant: null, extraFields: [], extraMaterials: [], notes: [] };
  const variant = region === source.region ? undefined : variantFor(defs, source.id, region);
  if (!variant) return layer;
  const problems = validateDocument('variant', variant, `variant:${variant.id}`);
  diagnostics.push(...problems);
  if (problems.length) return layer;
  const names = namesOf(defs);
  const applied = applyVariant(source, variant, names);
  const extraMaterials = guardMaterials(
    indexBy(defs.matters, (m) => m.code),
    source,
    variant,
    applied.extraMaterials,
    diagnostics,
    names,
  );
  diagnostics.push(...applied.diagnostics);
  return {
    bundle: applied.bundle,
    variant: { id: variant.id, baseVersion: variant.baseVersion },
    extraFields: applied.extraFields,
    extraMaterials,
    notes: applied.notes,
  };
}
