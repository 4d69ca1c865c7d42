/**
 * The 用例 findings of a compile: a case whose outcome changed blocks publishing until an
 * official records the new one (the audit log keeps who did); case ids are unique.
 */
import type { CompiledBundle } from './compiled-types.ts';
import { diagnostic, pointer, type Diagnostic } from './diagnostics.ts';
import type { Bundle, Variant } from './types.ts';

/** Reports changed outcomes and repeated ids, at the case in the bundle or in the city's variant. */
export function checkCases(compiled: CompiledBundle, bundle: Bundle, variant: Variant | undefined, diagnostics: Diagnostic[]): void {
  const seen = new Set<string>();
  (bundle.cases ?? []).forEach((c, ci) => {
    if (seen.has(c.id))
      diagnostics.push(diagnostic('case.duplicate-id', `bundle:${bundle.id}`, pointer('cases', ci), { id: c.id }, { case: c.id }));
    seen.add(c.id);
  });
  for (const result of compiled.cases) {
    if (result.changes.length === 0) continue;
    const home = result.origin === 'city' && variant ? variant.cases : bundle.cases;
    const doc = result.origin === 'city' && variant ? `variant:${variant.id}` : `bundle:${bundle.id}`;
    const at = pointer(
      'cases',
      (home ?? []).findIndex((c) => c.id === result.id),
    );
    const params = { case: result.label, detail: result.changes.join('；') };
    diagnostics.push(diagnostic('case.changed', doc, at, params, { case: result.id }));
  }
}
