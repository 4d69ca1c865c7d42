/**
 * 政策参数 in use: the value of a parameter in force on a day (the latest value whose 施行日期 is
 * not after it), and what a parameters document gets wrong beyond its schema. A day before a parameter's first value has no value: whatever reads it gets null,
 * so a rule that needs it does not hold rather than guessing.
 */
import { diagnostic, type Diagnostic } from './diagnostics.ts';
import type { ParameterValue, PolicyParameter, PolicyParameters } from './types.ts';

/** The unit of a parameter whose values are dates. */
export const DATE_UNIT = '日期';

/** A parameters document prepared for look-ups: each parameter's values, latest 施行日期 first. */
export interface PreparedParameters {
  byName: ReadonlyMap<string, readonly ParameterValue[]>;
}

const prepared = new WeakMap<PolicyParameters, PreparedParameters>();

/** Indexes a parameters document once per document (none: no parameter has a value). */
export function prepareParameters(doc: PolicyParameters | undefined): PreparedParameters {
  if (!doc) return { byName: new Map() };
  let p = prepared.get(doc);
  if (!p) {
    const byName = new Map<string, readonly ParameterValue[]>();
    for (const parameter of doc.parameters)
      byName.set(
        parameter.name,
        [...parameter.values].sort((a, b) => (a.from < b.from ? 1 : -1)),
      );
    p = { byName };
    prepared.set(doc, p);
  }
  return p;
}

/** The value of `name` in force on `on` (YYYY-MM-DD) with its source, or null (unknown name, no date, before its first value). */
export function valueInForce(parameters: PreparedParameters, name: unknown, on: unknown): ParameterValue | null {
  if (typeof name !== 'string' || typeof on !== 'string') return null;
  return parameters.byName.get(name)?.find((v) => v.from <= on) ?? null;
}

/** The value of `name` in force on `on`, or null. */
export function parameterOn(parameters: PreparedParameters, name: unknown, on: unknown): number | string | null {
  return valueInForce(parameters, name, on)?.value ?? null;
}

/** The next value of `name` after `on` (the step already decided), or null. */
export function nextValue(parameters: PreparedParameters, name: string, on: string): ParameterValue | null {
  let next: ParameterValue | null = null;
  // latest first: the last one still after `on` is the nearest
  for (const v of parameters.byName.get(name) ?? []) if (v.from > on) next = v;
  return next;
}

/** A value with its unit, as officials read it: 180 月, 16 周岁; a date as it is. */
export function valueText(value: number | string, unit: string): string {
  return unit === DATE_UNIT ? String(value) : `${value} ${unit}`;
}

/** A number parameter's value in force on `on`, or null (none, or not a number). */
export function numberOn(parameters: PreparedParameters, name: string, on: unknown): number | null {
  const value = parameterOn(parameters, name, on);
  return typeof value === 'number' ? value : null;
}

/**
 * What a parameters document (valid against its schema) gets wrong beyond it: a name used twice,
 * two values from the same day, a value of the wrong type for the unit. Memoised per document.
 */
export function parameterProblems(doc: PolicyParameters): Diagnostic[] {
  let out = checked.get(doc);
  if (!out)
    checked.set(doc, (out = findProblems(doc).map((p) => diagnostic('document.invalid', 'parameters', p.path, { detail: p.message }))));
  return out;
}

const checked = new WeakMap<PolicyParameters, Diagnostic[]>();

function findProblems(doc: PolicyParameters): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  doc.parameters.forEach((p: PolicyParameter, i) => {
    if (seen.has(p.name)) out.push({ path: `/parameters/${i}/name`, message: `参数名称「${p.name}」重复：每个参数只能定义一次` });
    seen.add(p.name);
    const days = new Set<string>();
    p.values.forEach((v, j) => {
      const at = `/parameters/${i}/values/${j}`;
      if (days.has(v.from))
        out.push({ path: `${at}/from`, message: `「${p.label}」有两个取值都自 ${v.from} 起施行：同一天只能有一个取值` });
      days.add(v.from);
      const isDate = p.unit === DATE_UNIT;
      if (isDate !== (typeof v.value === 'string'))
        out.push({
          path: `${at}/value`,
          message: isDate ? `「${p.label}」的单位是日期，取值应为日期（如 1965-01-01）` : `「${p.label}」的取值应为数字（单位：${p.unit}）`,
        });
    });
  });
  return out;
}
