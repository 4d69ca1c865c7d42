/**
 * Example applications generated from a compiled bundle: complete and valid for a scenario
 * and selection. They feed the API's examples, front-end developers and the tests.
 */
import type { CompiledBundle, MergedField } from './compiled-types.ts';
import { FORMATS } from './formats.ts';
import { allMatters, fieldsFor } from './selection.ts';
import type { FieldFormat } from './types.ts';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A valid 18-digit ID number from its first 17 digits. */
export function withIdCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return first17 + '10X98765432'[sum % 11];
}

/** A valid unified social credit code from its first 17 characters. */
export function withUsccCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return first17 + USCC_CHARS[(31 - (sum % 31)) % 31];
}

const FORMAT_EXAMPLES: Record<FieldFormat, string> = {
  'cn-id-number': withIdCheck('32010219850615123'),
  'cn-uscc': withUsccCheck('91320100MA1XYT123'),
  'cn-mobile': '13912345678',
  'cn-phone': '025-83281234',
  'cn-bank-card': '6222021001234567890',
  'cn-postcode': '210000',
  email: 'zhangsan@example.cn',
};

function fits(f: MergedField, value: unknown): boolean {
  if (typeof value === 'string') {
    if (f.minLength !== undefined && [...value].length < f.minLength) return false;
    if (f.maxLength !== undefined && [...value].length > f.maxLength) return false;
    const patterns = [...f.patterns, ...(f.format ? [FORMATS[f.format].pattern] : [])];
    return patterns.every((p) => new RegExp(p, 'u').test(value));
  }
  if (typeof value === 'number') return (f.minimum === undefined || value >= f.minimum) && (f.maximum === undefined || value <= f.maximum);
  return value !== undefined;
}

function text(f: MergedField): string {
  const min = f.minLength ?? 1;
  const max = f.maxLength ?? Math.max(min, 20);
  let s = f.label.replace(/（.*?）/g, '');
  while ([...s].length < min) s += '示例';
  return [...s].slice(0, max).join('');
}

/** A value that satisfies one merged field. */
export function exampleValue(f: MergedField): unknown {
  if (f.example !== undefined && fits(f, f.example)) return f.example;
  switch (f.type) {
    case 'boolean':
      return true;
    case 'date':
      return '2026-03-02';
    case 'integer':
    case 'number': {
      const low = f.minimum ?? 0;
      const value = Math.max(low, Math.min(f.maximum ?? 1, 1));
      return f.type === 'integer' ? Math.ceil(value) : value;
    }
    case 'enum':
      return f.options?.[0]?.value ?? '';
    case 'multi-enum':
      return f.options?.length ? [f.options[0]!.value] : [];
    default:
      if (f.format) return FORMAT_EXAMPLES[f.format];
      return text(f);
  }
}

/**
 * A complete application for a scenario and selection: every field the selected matters
 * ask for is filled. Defaults: the first scenario with all its matters.
 */
export function exampleApplication(compiled: CompiledBundle, scenarioId?: string, matters?: readonly string[]): Record<string, unknown> {
  const scenario = compiled.scenarios.find((s) => s.id === scenarioId) ?? compiled.scenarios[0];
  const selected = matters ? [...matters] : scenario ? allMatters(scenario) : [];
  const app: Record<string, unknown> = { scenario: scenario?.id ?? '', matters: selected };
  for (const f of fieldsFor(compiled, selected)) {
    const section = (app[f.section] ??= {}) as Record<string, unknown>;
    section[f.key] = exampleValue(f);
  }
  return app;
}
