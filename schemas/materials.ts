/**
 * Step 4: one set of materials. Requests are gathered per scenario once; a checklist for
 * any selection is derived from them: one entry per material, the strictest necessity,
 * and 免提交 where an earlier matter's result, an e-licence or a commitment stands in.
 */
import type { ChecklistItem, MaterialRequest, MaterialSource } from './compiled-types.ts';
import type { MaterialDefinition, MaterialForm, Matter, Necessity } from './types.ts';

/** Gathers each material's requests over a scenario's matters, in first-asked order. */
export function materialRequests(matters: readonly Matter[], dictionary: ReadonlyMap<string, MaterialDefinition>): MaterialRequest[] {
  const byId = new Map<string, MaterialRequest>();
  const entry = (id: string): MaterialRequest | undefined => {
    let r = byId.get(id);
    const def = dictionary.get(id);
    if (!r && def) {
      r = { id, name: def.name, kind: def.kind, sources: [], producedBy: [] };
      if (def.eLicense) r.eLicenseName = def.eLicense;
      byId.set(id, r);
    }
    return r;
  };
  for (const m of matters) {
    for (const mat of m.materials) {
      const source: MaterialSource = {
        matter: m.code,
        necessity: mat.necessity,
        form: mat.form,
        copies: mat.copies,
        commitment: mat.commitment === true,
        eLicense: mat.eLicense === true,
      };
      if (mat.note) source.note = mat.note;
      entry(mat.ref)?.sources.push(source);
    }
  }
  for (const m of matters) if (m.result?.material) entry(m.result.material)?.producedBy.push(m.code);
  return [...byId.values()].filter((r) => r.sources.length > 0);
}

const NECESSITY_RANK: Record<Necessity, number> = { optional: 0, deferrable: 1, required: 2 };
const FORM_RANK: Record<MaterialForm, number> = { either: 0, electronic: 1, paper: 2 };

function strictest<T extends string>(values: T[], rank: Record<T, number>): T {
  return values.reduce((a, b) => (rank[b] > rank[a] ? b : a));
}

/**
 * The checklist for a selection. `precedes(a, b)` tells whether matter a finishes before b
 * starts; a material is then not asked for when a selected producer precedes every
 * selected matter that needs it.
 */
export function checklistFor(
  requests: readonly MaterialRequest[],
  selected: ReadonlySet<string>,
  precedes: (a: string, b: string) => boolean,
): ChecklistItem[] {
  const out: ChecklistItem[] = [];
  for (const r of requests) {
    const sources = r.sources.filter((s) => selected.has(s.matter));
    if (sources.length === 0) continue;
    const item: ChecklistItem = {
      id: r.id,
      name: r.name,
      kind: r.kind,
      necessity: strictest(
        sources.map((s) => s.necessity),
        NECESSITY_RANK,
      ),
      form: strictest(
        sources.map((s) => s.form),
        FORM_RANK,
      ),
      copies: Math.max(...sources.map((s) => s.copies)),
      matters: sources.map((s) => s.matter),
      exempt: null,
    };
    const producer = r.producedBy.find((p) => {
      const consumers = sources.filter((s) => s.matter !== p);
      return selected.has(p) && consumers.length > 0 && consumers.every((s) => precedes(p, s.matter));
    });
    if (producer) {
      item.exempt = { reason: 'prior-result', by: producer, note: '由前序事项的办理结果提供，无需提交' };
    } else if (r.eLicenseName && sources.every((s) => s.eLicense)) {
      item.exempt = { reason: 'e-license', note: `通过电子证照「${r.eLicenseName}」调取，无需提交` };
    } else if (sources.every((s) => s.commitment)) {
      item.exempt = { reason: 'commitment', note: '实行告知承诺，签署承诺书后免于提交' };
    }
    out.push(item);
  }
  return out;
}
