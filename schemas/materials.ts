/**
 * Step 4: one set of materials. Requests are gathered per scenario once; a checklist for
 * any selection is derived from them: one entry per material, the strictest necessity,
 * and 免提交 where an earlier matter's result, an e-licence or a commitment stands in.
 */
import type { ChecklistItem, MaterialRequest, MaterialSource } from './compiled-types.ts';
import { holds, type ApplicationData } from './conditions.ts';
import type { EffectMaterial } from './logic-types.ts';
import type { MaterialDefinition, MaterialForm, MatterMaterial, Matter, Necessity } from './types.ts';

/** A material an answer asks for; without a matter it is the whole application's (every selected matter's). */
export const WHOLE_APPLICATION = '';

function sourceOf(matter: string, mat: MatterMaterial): MaterialSource {
  const source: MaterialSource = {
    matter,
    necessity: mat.necessity,
    form: mat.form,
    copies: mat.copies,
    commitment: mat.commitment === true,
    eLicense: mat.eLicense === true,
  };
  if (mat.remedyDays) source.remedyDays = mat.remedyDays;
  if (mat.note) source.note = mat.note;
  return source;
}

/** 容缺受理 in words: the 补交 deadline a clerk tells the applicant. */
export function remedyNote(days: number): string {
  return `容缺受理，受理后 ${days} 个工作日内补交`;
}

/** What a matter says of a material it asks for: its 补交 deadline, then its note. */
function notesOf(s: MaterialSource): string[] {
  return [...(s.remedyDays ? [remedyNote(s.remedyDays)] : []), ...(s.note ? [s.note] : [])];
}

/**
 * Gathers each material's requests over a scenario's matters, in first-asked order, and
 * those its answers may add (情形化材料), each with the condition that asks for it. `withRoster`:
 * the bundle lists its employees in the form, so a 花名册 is not asked for.
 */
export function materialRequests(
  matters: readonly Matter[],
  dictionary: ReadonlyMap<string, MaterialDefinition>,
  conditional: readonly (EffectMaterial & { when: MaterialSource['when'] })[] = [],
  withRoster = false,
): MaterialRequest[] {
  const byId = new Map<string, MaterialRequest>();
  const entry = (id: string): MaterialRequest | undefined => {
    let r = byId.get(id);
    const def = dictionary.get(id);
    if (!r && def) {
      r = { id, name: def.name, kind: def.kind, sources: [], producedBy: [] };
      if (def.eLicense) r.eLicenseName = def.eLicense;
      if (def.dataSharing) r.dataSharing = def.dataSharing;
      if (def.roster && withRoster) r.inRoster = true;
      if (def.certifies) r.certifies = def.certifies;
      if (def.requiredBy) r.requiredBy = def.requiredBy;
      byId.set(id, r);
    }
    return r;
  };
  for (const m of matters) for (const mat of m.materials) entry(mat.ref)?.sources.push(sourceOf(m.code, mat));
  for (const c of conditional)
    entry(c.material.ref)?.sources.push({ ...sourceOf(c.matter ?? WHOLE_APPLICATION, c.material), when: c.when! });
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
 * selected matter that needs it. With an application, a material an answer asks for is on
 * the list when its condition holds; without one (a guide for everyone), it is listed with
 * `when`, the case it is for, said by `describe`.
 */
export function checklistFor(
  requests: readonly MaterialRequest[],
  selected: ReadonlySet<string>,
  precedes: (a: string, b: string) => boolean,
  app?: ApplicationData,
  describe?: (when: NonNullable<MaterialSource['when']>) => string,
): ChecklistItem[] {
  const out: ChecklistItem[] = [];
  for (const r of requests) {
    const applies = (s: MaterialSource) =>
      (s.matter === WHOLE_APPLICATION ? selected.size > 0 : selected.has(s.matter)) && (!s.when || !app || holds(s.when, app));
    // a source for the whole application counts as every selected matter's
    const sources = r.sources
      .filter(applies)
      .flatMap((s) => (s.matter === WHOLE_APPLICATION ? [...selected].map((matter) => ({ ...s, matter })) : [s]));
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
      matters: [...new Set(sources.map((s) => s.matter))],
      exempt: null,
    };
    // what the matters say of it (容缺 补交 deadlines, who need not hand it in), once each
    const notes = [...new Set(sources.flatMap(notesOf))];
    if (notes.length) item.notes = notes;
    const whens = sources.map((s) => s.when);
    if (!app && whens.every((w) => w) && describe) item.when = [...new Set(whens.map((w) => describe(w!)))].join('；或');
    const producer = r.producedBy.find((p) => {
      const consumers = sources.filter((s) => s.matter !== p);
      return selected.has(p) && consumers.length > 0 && consumers.every((s) => precedes(p, s.matter));
    });
    if (producer) {
      item.exempt = { reason: 'prior-result', by: producer, note: '由前序事项的办理结果提供，无需提交' };
    } else if (r.inRoster) {
      item.exempt = { reason: 'roster', note: '申请表的职工名单已列明，无需另行提交' };
    } else if (r.dataSharing) {
      item.exempt = { reason: 'data-sharing', note: `通过${r.dataSharing}核验，无需提交` };
    } else if (r.eLicenseName && sources.every((s) => s.eLicense)) {
      item.exempt = { reason: 'e-license', note: `通过电子证照「${r.eLicenseName}」调取，无需提交` };
    } else if (sources.every((s) => s.commitment)) {
      item.exempt = { reason: 'commitment', note: '实行告知承诺，签署承诺书后免于提交' };
    }
    out.push(item);
  }
  return out;
}
