/**
 * The plan of a valid application: the one application split into what each selected
 * matter's back office receives (its fields, its materials, its department), in flow order,
 * with each matter's and the bundle's due date through the working-day calendar, counted
 * from the day of acceptance (the day received, or the next working day). Everything but the
 * field values, the derived values and the warnings depends only on the compiled artifact,
 * the calendar, the day, the scenario, the selection and which answers ask for materials, so
 * that part is computed once per such key and reused: validation sits on the hot path.
 */
import {
  acceptanceDay,
  checklistForSelection,
  deadlinesFor,
  holds,
  rosterRows,
  rosterSectionKeys,
  ROSTER_KEY,
  type ChecklistItem,
  type CompiledBundle,
  type MatterPlan,
  type Plan,
  type PreparedCalendar,
  type RuleFinding,
} from '../../schemas/index.ts';

const CHINA_OFFSET_MS = 8 * 3600_000; // Asia/Shanghai, no daylight saving

const DAY_MS = 24 * 3600_000;
/** The China day last asked for, and the instants it spans: every request asks. */
let lastDay = { from: 0, until: 0, day: '' };

/** Today in China, as YYYY-MM-DD. */
export function todayInChina(now = Date.now()): string {
  if (now < lastDay.from || now >= lastDay.until) {
    const from = Math.floor((now + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;
    lastDay = { from, until: from + DAY_MS, day: new Date(from + CHINA_OFFSET_MS).toISOString().slice(0, 10) };
  }
  return lastDay.day;
}

/** The plan's dates fall in years the published calendar does not cover: no due date can be promised. */
export class CalendarGapError extends Error {
  readonly years: number[];
  constructor(years: number[]) {
    super(`工作日历尚未包含 ${years.join('、')} 年的节假日安排，暂时无法计算办结日期，请稍后再试`);
    this.years = years;
  }
}

/** An application the plan is made of: its scenario, its matters, its answers and values. */
export type PlannedApplication = { scenario: string; matters: string[] } & Record<string, unknown>;

interface Skeleton {
  bundle: Plan['bundle'];
  matters: { plan: Omit<MatterPlan, 'fields'>; fields: PlanField[]; json: Buffer; shared: SectionKeys[]; own: SectionKeys[] }[];
  checklist: ChecklistItem[];
  provisionalYears: number[];
  /** `{"valid":true,"plan":{"bundle":…,"matters":[` and `],"checklist":…,"provisionalYears":…` pre-encoded. */
  json: { head: Buffer; middle: Buffer };
}

const MAX_SKELETONS = 512;
// by artifact, then by calendar (a published calendar is a new object), then by day, scenario, selection and answers
const skeletons = new WeakMap<CompiledBundle, WeakMap<PreparedCalendar, Map<string, Skeleton>>>();

function skeletonOf(compiled: CompiledBundle, app: PlannedApplication, receivedOn: string, calendar: PreparedCalendar): Skeleton {
  let byCalendar = skeletons.get(compiled);
  if (!byCalendar) skeletons.set(compiled, (byCalendar = new WeakMap()));
  let cache = byCalendar.get(calendar);
  if (!cache) byCalendar.set(calendar, (cache = new Map()));
  const scenario = compiled.scenarios.find((s) => s.id === app.scenario)!;
  const selected = scenario.items.map((i) => i.matter.code).filter((c) => app.matters.includes(c));
  // which of the answers' material effects hold: the only way answers change the skeleton
  const fired = scenario.effects.map((e) => (e.materials?.length && holds(e.when, app) ? '1' : '0')).join('');
  const key = `${receivedOn}|${scenario.id}|${selected.join(',')}|${fired}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const acceptedOn = acceptanceDay(receivedOn, calendar);
  const dates = deadlinesFor(scenario, selected, acceptedOn, calendar);
  if (dates.uncovered.length) throw new CalendarGapError(dates.uncovered);
  const checklist = checklistForSelection(scenario, selected, app);
  const perEmployee = rosterSectionKeys(compiled.sections);
  const stage = new Map(scenario.stages.flatMap((codes, i) => codes.map((c) => [c, i + 1] as const)));
  const skeleton: Skeleton = {
    bundle: {
      id: compiled.id,
      version: compiled.version,
      region: compiled.region,
      scenario: scenario.id,
      receivedOn,
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
            ownDays: i.matter.promisedDays,
            due: dates.matters[code]!.due,
            materials: checklist.filter((c) => c.matters.includes(code)).map((c) => c.id),
          },
          fields: compiled.fields
            .filter((f) => f.sources.some((s) => s.matter === code))
            .map((f) => ({ section: f.section, key: f.key, perEmployee: perEmployee.has(f.section) })),
          json: Buffer.alloc(0),
          shared: [],
          own: [],
        };
      }),
    checklist,
    provisionalYears: dates.provisional,
    json: { head: Buffer.alloc(0), middle: Buffer.alloc(0) },
  };
  skeleton.matters.forEach((m, i) => {
    // `{…,"materials":[…],"fields":` (and the comma before every matter but the first)
    m.json = Buffer.from(`${i ? ',' : ''}${JSON.stringify(m.plan).slice(0, -1)},"fields":`);
    m.shared = bySection(m.fields.filter((f) => !f.perEmployee));
    m.own = bySection(m.fields.filter((f) => f.perEmployee));
  });
  skeleton.json = {
    head: Buffer.from(`{"valid":true,"plan":{"bundle":${JSON.stringify(skeleton.bundle)},"matters":[`),
    middle: Buffer.from(`],"checklist":${JSON.stringify(checklist)},"provisionalYears":${JSON.stringify(dates.provisional)}`),
  };
  if (cache.size >= MAX_SKELETONS) cache.clear();
  cache.set(key, skeleton);
  return skeleton;
}

/** A field a matter receives; an employee's field is sent for each employee. */
interface PlanField {
  section: string;
  key: string;
  perEmployee: boolean;
}

function sectionValues(part: Record<string, unknown>, fields: readonly PlanField[]): Record<string, Record<string, unknown>> {
  const values: Record<string, Record<string, unknown>> = {};
  for (const { section, key } of fields) {
    const value = (part[section] as Record<string, unknown> | undefined)?.[key];
    if (value !== undefined) (values[section] ??= {})[key] = value;
  }
  return values;
}

/** A matter's values: the shared sections, and the employees' own sections under `employees`, in roster order. */
function fieldValues(app: Record<string, unknown>, fields: readonly PlanField[]): MatterPlan['fields'] {
  const own = fields.filter((f) => f.perEmployee);
  const values: MatterPlan['fields'] = sectionValues(app, own.length ? fields.filter((f) => !f.perEmployee) : fields);
  if (own.length) values[ROSTER_KEY] = rosterRows(app).map((row) => sectionValues(row, own));
  return values;
}

/** A section's fields a matter receives, with their JSON keys encoded once. */
interface SectionKeys {
  section: string;
  /** `"person":{` */
  head: string;
  keys: { key: string; head: string }[];
}

function bySection(fields: readonly PlanField[]): SectionKeys[] {
  const sections = new Map<string, SectionKeys>();
  for (const { section, key } of fields) {
    let s = sections.get(section);
    if (!s) sections.set(section, (s = { section, head: `${JSON.stringify(section)}:{`, keys: [] }));
    s.keys.push({ key, head: `${JSON.stringify(key)}:` });
  }
  return [...sections.values()];
}

// a string JSON writes as it is between quotes: no quote, backslash, control character or surrogate to escape
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** `JSON.stringify(value)` of a field's value, with the common plain string and finite number written directly. */
function encode(value: unknown): string {
  if (typeof value === 'string' && PLAIN.test(value)) return `"${value}"`;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return JSON.stringify(value);
}

/** The members of `sectionValues(part, …)` as JSON text (without braces): each value encoded, no object built. */
function sectionsJson(part: Record<string, unknown>, sections: readonly SectionKeys[]): string {
  let out = '';
  for (const s of sections) {
    const values = part[s.section] as Record<string, unknown> | undefined;
    if (!values || typeof values !== 'object') continue;
    let inner = '';
    for (const k of s.keys) {
      const value = values[k.key];
      if (value !== undefined) inner += (inner ? ',' : '') + k.head + encode(value);
    }
    if (inner) out += (out ? ',' : '') + s.head + inner + '}';
  }
  return out;
}

/** A matter's `fields` as JSON text: the same as `JSON.stringify(fieldValues(app, fields))`. */
function fieldsJson(app: Record<string, unknown>, matter: Skeleton['matters'][number]): string {
  const shared = sectionsJson(app, matter.shared);
  if (!matter.own.length) return `{${shared}}`;
  const rows = rosterRows(app).map((row) => `{${sectionsJson(row, matter.own)}}`);
  return `{${shared}${shared ? ',' : ''}${JSON.stringify(ROSTER_KEY)}:[${rows.join(',')}]}`;
}

/** What the plan says beyond the skeleton: derived values and the warnings of 提示 rules. */
export interface PlanExtras {
  derived: Record<string, unknown>;
  warnings: RuleFinding[];
}

/**
 * The validate response `{"valid":true,"plan":…}` as JSON text: the cached parts as they
 * were serialised once, the rest serialised now. Same content as `buildPlan`.
 */
export function planResponseJson(
  compiled: CompiledBundle,
  app: PlannedApplication,
  receivedOn: string,
  calendar: PreparedCalendar,
  extras: PlanExtras = { derived: {}, warnings: [] },
): Buffer {
  const skeleton = skeletonOf(compiled, app, receivedOn, calendar);
  // only the values are encoded now: the rest was encoded with the skeleton
  const parts = [skeleton.json.head];
  for (const m of skeleton.matters) parts.push(m.json, Buffer.from(`${fieldsJson(app, m)}}`));
  const tail = `,"derived":${JSON.stringify(extras.derived)},"warnings":${JSON.stringify(extras.warnings)}}}`;
  parts.push(skeleton.json.middle, Buffer.from(tail));
  return Buffer.concat(parts);
}

/** Splits a valid application per selected matter. */
export function buildPlan(
  compiled: CompiledBundle,
  app: PlannedApplication,
  receivedOn: string,
  calendar: PreparedCalendar,
  extras: PlanExtras = { derived: {}, warnings: [] },
): Plan {
  const skeleton = skeletonOf(compiled, app, receivedOn, calendar);
  return {
    bundle: skeleton.bundle,
    matters: skeleton.matters.map(({ plan, fields }) => ({ ...plan, fields: fieldValues(app, fields) })),
    checklist: skeleton.checklist,
    provisionalYears: skeleton.provisionalYears,
    derived: extras.derived,
    warnings: extras.warnings,
  };
}
