/**
 * The plan of a valid application: the one application split into what each selected
 * matter's back office receives (its fields, its materials, its department), in flow order,
 * with each matter's and the bundle's due date from today through the working-day calendar.
 * Everything but the field values depends only on the compiled artifact, the calendar, the
 * scenario, the selection and the day, so that part is computed once per such key and
 * reused: validation sits on the hot path.
 */
import {
  checklistForSelection,
  deadlinesFor,
  type ChecklistItem,
  type CompiledBundle,
  type MatterPlan,
  type Plan,
  type PreparedCalendar,
} from '../../schemas/index.ts';

const CHINA_OFFSET_MS = 8 * 3600_000; // Asia/Shanghai, no daylight saving

/** Today in China, as YYYY-MM-DD. */
export function todayInChina(now = Date.now()): string {
  return new Date(now + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

interface Skeleton {
  bundle: Plan['bundle'];
  matters: { plan: Omit<MatterPlan, 'fields'>; fields: { section: string; key: string }[]; json: string }[];
  checklist: ChecklistItem[];
  /** `{"valid":true,"plan":{"bundle":…` and `…"checklist":…}}` pre-encoded; the response adds the matters. */
  json: { head: Buffer; tail: Buffer };
}

const MAX_SKELETONS = 512;
// by artifact, then by calendar (a published calendar is a new object), then by day, scenario and selection
const skeletons = new WeakMap<CompiledBundle, WeakMap<PreparedCalendar, Map<string, Skeleton>>>();

function skeletonOf(
  compiled: CompiledBundle,
  scenarioId: string,
  requested: readonly string[],
  acceptedOn: string,
  calendar: PreparedCalendar,
): Skeleton {
  let byCalendar = skeletons.get(compiled);
  if (!byCalendar) skeletons.set(compiled, (byCalendar = new WeakMap()));
  let cache = byCalendar.get(calendar);
  if (!cache) byCalendar.set(calendar, (cache = new Map()));
  const scenario = compiled.scenarios.find((s) => s.id === scenarioId)!;
  const selected = scenario.items.map((i) => i.matter.code).filter((c) => requested.includes(c));
  const key = `${acceptedOn}|${scenarioId}|${selected.join(',')}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const dates = deadlinesFor(scenario, selected, acceptedOn, calendar);
  const checklist = checklistForSelection(scenario, selected);
  const stage = new Map(scenario.stages.flatMap((codes, i) => codes.map((c) => [c, i + 1] as const)));
  const skeleton: Skeleton = {
    bundle: {
      id: compiled.id,
      version: compiled.version,
      region: compiled.region,
      scenario: scenario.id,
      acceptedOn,
      days: dates.bundle.days,
      due: dates.bundle.due,
    },
    matters: scenario.items
      .filter((i) => selected.includes(i.matter.code))
      .map((i) => {
        const code = i.matter.code;
        return {
          plan: {
            code,
            name: i.matter.name,
            department: i.matter.department,
            selection: i.selection,
            stage: stage.get(code) ?? 1,
            startsAfter: dates.matters[code]!.startsAfter,
            days: dates.matters[code]!.days,
            due: dates.matters[code]!.due,
            materials: checklist.filter((c) => c.matters.includes(code)).map((c) => c.id),
          },
          fields: compiled.fields.filter((f) => f.sources.some((s) => s.matter === code)).map((f) => ({ section: f.section, key: f.key })),
          json: '',
        };
      }),
    checklist,
    json: { head: Buffer.alloc(0), tail: Buffer.alloc(0) },
  };
  for (const m of skeleton.matters) m.json = JSON.stringify(m.plan).slice(0, -1);
  skeleton.json = {
    head: Buffer.from(`{"valid":true,"plan":{"bundle":${JSON.stringify(skeleton.bundle)},"matters":[`),
    tail: Buffer.from(`],"checklist":${JSON.stringify(checklist)}}}`),
  };
  if (cache.size >= MAX_SKELETONS) cache.clear();
  cache.set(key, skeleton);
  return skeleton;
}

function fieldValues(
  app: Record<string, unknown>,
  fields: readonly { section: string; key: string }[],
): Record<string, Record<string, unknown>> {
  const values: Record<string, Record<string, unknown>> = {};
  for (const { section, key } of fields) {
    const value = (app[section] as Record<string, unknown> | undefined)?.[key];
    if (value !== undefined) (values[section] ??= {})[key] = value;
  }
  return values;
}

/**
 * The validate response `{"valid":true,"plan":…}` as JSON text: the cached parts as they
 * were serialised once, the field values serialised now. Same content as `buildPlan`.
 */
export function planResponseJson(
  compiled: CompiledBundle,
  app: { scenario: string; matters: string[] } & Record<string, unknown>,
  acceptedOn: string,
  calendar: PreparedCalendar,
): Buffer {
  const skeleton = skeletonOf(compiled, app.scenario, app.matters, acceptedOn, calendar);
  const matters = skeleton.matters.map((m) => `${m.json},"fields":${JSON.stringify(fieldValues(app, m.fields))}}`);
  return Buffer.concat([skeleton.json.head, Buffer.from(matters.join(',')), skeleton.json.tail]);
}

/** Splits a valid application per selected matter. */
export function buildPlan(
  compiled: CompiledBundle,
  app: { scenario: string; matters: string[] } & Record<string, unknown>,
  acceptedOn: string,
  calendar: PreparedCalendar,
): Plan {
  const skeleton = skeletonOf(compiled, app.scenario, app.matters, acceptedOn, calendar);
  return {
    bundle: skeleton.bundle,
    matters: skeleton.matters.map(({ plan, fields }) => ({ ...plan, fields: fieldValues(app, fields) })),
    checklist: skeleton.checklist,
  };
}
