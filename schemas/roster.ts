/**
 * 职工名单: an employer's bundle (企业录用职工, 退工停保) is applied for several employees at
 * once. The bundle names the sections of the one form filled in once per employee (申请人信息,
 * 就业与参保信息 …); they live in `employees[i]`, the others (单位信息, 经办人信息) once at the
 * top. Everything that reads one person — a field's condition, a derived value, a 受理条件 —
 * reads it for each employee on that employee's view of the application: the shared sections
 * with the employee's own in place. So a rule written for one person holds for every one.
 */
import type { CompiledBundle, FormSection, MergedField } from './compiled-types.ts';
import { bothOf, conditionRefs, fieldPath, type ApplicationData } from './conditions.ts';
import type { FieldError } from './field-error.ts';
import type { Condition } from './logic-types.ts';

/** The property of an application that lists the employees. */
export const ROSTER_KEY = 'employees';
/** What the list is called on the form. */
export const ROSTER_LABEL = '职工名单';
/** The most employees one application lists when the bundle sets no limit. */
export const DEFAULT_ROSTER_MAX = 50;

/** The keys of the sections filled in per employee. */
export function rosterSectionKeys(sections: readonly Pick<FormSection, 'key' | 'roster'>[]): Set<string> {
  return new Set(sections.filter((s) => s.roster).map((s) => s.key));
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The employees an application lists (entries that are not objects are the validator's to refuse). */
export function rosterRows(app: ApplicationData): Record<string, unknown>[] {
  const rows = app[ROSTER_KEY];
  return Array.isArray(rows) ? rows.filter(isObject) : [];
}

/** One employee's view of the application: the shared sections, with this employee's in place. */
export function rowView(app: ApplicationData, row: Record<string, unknown>): ApplicationData {
  const { [ROSTER_KEY]: _rows, ...shared } = app;
  return { ...shared, ...row };
}

/** The prefix of an employee's paths (`/employees/1`). */
export const rowPath = (index: number) => `/${ROSTER_KEY}/${index}`;

/** How an employee is named in a message: 「第 2 名职工」. */
export const rowName = (index: number) => `第 ${index + 1} 名职工`;

/** A path of an employee's field as rules carry it: `*` stands for the entry (`/employees/` `*` `/person/name`). */
export const rowPathPattern = (path: string) => `/${ROSTER_KEY}/*${path}`;

/** A path pattern made concrete for one employee. */
export const pathForRow = (pattern: string, index: number) =>
  pattern.startsWith(`/${ROSTER_KEY}/*/`) ? `${rowPath(index)}${pattern.slice(ROSTER_KEY.length + 3)}` : pattern;

/** A bundle's fields split into the shared sections' and an employee's. */
interface PartFields {
  rostered: boolean;
  shared: readonly MergedField[];
  own: readonly MergedField[];
}

// split once per compiled bundle: validation asks on every request, and the same arrays let callers keep their own caches
const splits = new WeakMap<readonly MergedField[], WeakMap<readonly unknown[], PartFields>>();

export function partFields(compiled: Pick<CompiledBundle, 'sections' | 'fields'>): PartFields {
  let bySections = splits.get(compiled.fields);
  if (!bySections) splits.set(compiled.fields, (bySections = new WeakMap()));
  let split = bySections.get(compiled.sections);
  if (!split) {
    const roster = rosterSectionKeys(compiled.sections);
    split =
      roster.size === 0
        ? { rostered: false, shared: compiled.fields, own: [] }
        : {
            rostered: true,
            shared: compiled.fields.filter((f) => !roster.has(f.section)),
            own: compiled.fields.filter((f) => roster.has(f.section)),
          };
    bySections.set(compiled.sections, split);
  }
  return split;
}

/**
 * Applies `change` to each part of the application that holds fields: the shared sections (with
 * the shared fields) and each employee (with the roster's fields). Returns the application itself
 * when nothing changed.
 */
export function mapParts(
  compiled: Pick<CompiledBundle, 'sections' | 'fields'>,
  app: ApplicationData,
  change: (part: ApplicationData, fields: readonly MergedField[]) => ApplicationData,
): ApplicationData {
  const { rostered, shared, own } = partFields(compiled);
  if (!rostered) return change(app, shared);
  let out = change(app, shared);
  const rows = out[ROSTER_KEY];
  if (!Array.isArray(rows)) return out;
  let changed = false;
  const next = rows.map((row) => {
    if (!isObject(row)) return row;
    const done = change(row, own);
    if (done !== row) changed = true;
    return done;
  });
  if (changed) out = { ...out, [ROSTER_KEY]: next };
  return out;
}

/** A condition in two parts: what it asks of the shared application, and of each employee. */
export interface SplitCondition {
  shared?: Condition;
  row?: Condition;
}

/**
 * Splits a condition that governs an employee's field into the part read once (answers,
 * matters, shared fields) and the part read per employee (the employee's fields); null when
 * the two are mixed under 「或」 or 「非」, which cannot be read apart.
 */
export function splitForRow(c: Condition, rosterSections: ReadonlySet<string>): SplitCondition | null {
  const refs = conditionRefs(c);
  const own = refs.fields.filter((f) => rosterSections.has(fieldPath(f).section));
  if (own.length === 0) return { shared: c };
  if (own.length === refs.fields.length && refs.answers.length === 0 && refs.matters.length === 0) return { row: c };
  if (!('all' in c)) return null;
  const parts = c.all.map((x) => splitForRow(x, rosterSections));
  if (parts.some((p) => p === null)) return null;
  const out: SplitCondition = {};
  const shared = bothOf(...parts.map((p) => p!.shared));
  const row = bothOf(...parts.map((p) => p!.row));
  if (shared) out.shared = shared;
  if (row) out.row = row;
  return out;
}

/** True when a condition reads an employee's field. */
export function readsRoster(c: Condition, rosterSections: ReadonlySet<string>): boolean {
  return conditionRefs(c).fields.some((f) => rosterSections.has(fieldPath(f).section));
}

/**
 * A one-person application (every section at the top, as examples and trials are built) in the
 * roster's shape: the employee's sections become its one entry. Unchanged without a roster.
 */
export function asRoster(compiled: Pick<CompiledBundle, 'sections'>, flat: ApplicationData): ApplicationData {
  const roster = rosterSectionKeys(compiled.sections);
  if (roster.size === 0) return flat;
  const shared = Object.fromEntries(Object.entries(flat).filter(([key]) => !roster.has(key)));
  // the employee's sections in form order
  const row = Object.fromEntries(compiled.sections.filter((s) => s.roster && flat[s.key] !== undefined).map((s) => [s.key, flat[s.key]]));
  return { ...shared, [ROSTER_KEY]: [row] };
}

/** Where a field's value is in an application (the given employee's, for an employee's field). */
export function fieldPointer(compiled: Pick<CompiledBundle, 'sections'>, f: Pick<MergedField, 'section' | 'key'>, row = 0): string {
  const own = compiled.sections.some((s) => s.key === f.section && s.roster);
  return `${own ? rowPath(row) : ''}/${f.section}/${f.key}`;
}

/** The schema of a section of the one form, at the top or in the roster's entries. */
export function sectionSchema(schema: Record<string, unknown>, section: string): Record<string, unknown> | undefined {
  const top = schema.properties as Record<string, Record<string, unknown>> | undefined;
  const items = (top?.[ROSTER_KEY]?.items as { properties?: Record<string, Record<string, unknown>> } | undefined)?.properties;
  return top?.[section] ?? items?.[section];
}

/**
 * The employees listed twice: for each field no two may share (the ID number), every entry
 * after the first with the same value, named as the applicant reads it.
 */
export function duplicateEmployees(compiled: Pick<CompiledBundle, 'roster' | 'fields'>, app: unknown): FieldError[] {
  if (!compiled.roster?.unique.length || !isObject(app)) return [];
  const out: FieldError[] = [];
  const rows = Array.isArray(app[ROSTER_KEY]) ? (app[ROSTER_KEY] as unknown[]) : [];
  for (const id of compiled.roster.unique) {
    const { section, key } = fieldPath(id);
    const label = compiled.fields.find((f) => f.id === id)?.label ?? id;
    const first = new Map<string, number>();
    rows.forEach((row, i) => {
      const value = isObject(row) && isObject(row[section]) ? row[section][key] : undefined;
      if (typeof value !== 'string' || value === '') return;
      const earlier = first.get(value);
      if (earlier === undefined) return void first.set(value, i);
      out.push({
        path: `${rowPath(i)}/${section}/${key}`,
        keyword: 'x-unique',
        message: `${rowName(i)}的「${label}」与${rowName(earlier)}相同：同一名职工只填一次`,
      });
    });
  }
  return out;
}
