/**
 * The condition builder's model: rows (a question's answer, a field's value, or a matter
 * applied for, each with a test), all or any of which must hold — and back to the Condition
 * the bundle stores. Conditions the rows cannot show (nested all / any) are kept as they are.
 */
import type { Condition, FieldOption, FieldType, QuestionKind } from '../../../schemas/index.ts';

/** What a row tests. */
export type RowTest = 'equals' | 'in' | 'includes' | 'min' | 'max' | 'filled' | 'empty' | 'selected' | 'notSelected';

/** One row of the builder. */
export interface ConditionRow {
  subject: 'answer' | 'field' | 'matter';
  ref: string;
  test: RowTest;
  value?: string | number | boolean | (string | number)[];
}

/** The rows and how they combine; null when the condition is not rows the builder can show. */
export interface ConditionRows {
  combine: 'all' | 'any';
  rows: ConditionRow[];
}

/** Something a condition can read, with what the builder needs to offer its tests and values. */
export interface Subject {
  ref: string;
  label: string;
  /** A question's kind, or a field's type. */
  kind: QuestionKind | FieldType | 'matter';
  options?: FieldOption[];
}

/** The tests that make sense for a subject, with their labels. */
export function testsFor(subject: Subject | undefined): [RowTest, string][] {
  if (!subject) return [];
  switch (subject.kind) {
    case 'matter':
      return [
        ['selected', '办理'],
        ['notSelected', '不办理'],
      ];
    case 'yes-no':
    case 'boolean':
      return [
        ['equals', '为'],
        ['filled', '已回答'],
      ];
    case 'one-of':
    case 'enum':
      return [
        ['equals', '为'],
        ['in', '为其中之一'],
        ['filled', '已填写'],
        ['empty', '未填写'],
      ];
    case 'several-of':
    case 'multi-enum':
      return [
        ['includes', '选择了'],
        ['filled', '已填写'],
        ['empty', '未填写'],
      ];
    case 'number':
    case 'integer':
      return [
        ['min', '不少于'],
        ['max', '不多于'],
        ['equals', '等于'],
        ['filled', '已填写'],
        ['empty', '未填写'],
      ];
    default:
      return [
        ['equals', '为'],
        ['filled', '已填写'],
        ['empty', '未填写'],
      ];
  }
}

/** True when a row says everything its condition needs. */
export function complete(row: ConditionRow): boolean {
  if (!row.ref) return false;
  if (['filled', 'empty', 'selected', 'notSelected'].includes(row.test)) return true;
  if (row.test === 'in') return Array.isArray(row.value) && row.value.length > 0;
  return row.value !== undefined && row.value !== '';
}

/** One row as a condition. */
export function rowCondition(row: ConditionRow): Condition {
  if (row.subject === 'matter') return { matter: row.ref, selected: row.test === 'selected' };
  const leaf = row.subject === 'answer' ? { answer: row.ref } : { field: row.ref };
  switch (row.test) {
    case 'filled':
      return { ...leaf, filled: true };
    case 'empty':
      return { ...leaf, filled: false };
    case 'in':
      return { ...leaf, in: row.value as (string | number)[] };
    case 'includes':
      return { ...leaf, includes: String(row.value) };
    case 'min':
      return { ...leaf, min: Number(row.value) };
    case 'max':
      return { ...leaf, max: Number(row.value) };
    default:
      return { ...leaf, equals: row.value as string | number | boolean };
  }
}

/** The rows as a condition (incomplete rows left out); undefined when none is complete. */
export function rowsCondition(model: ConditionRows): Condition | undefined {
  const leaves = model.rows.filter(complete).map(rowCondition);
  if (leaves.length === 0) return undefined;
  if (leaves.length === 1) return leaves[0];
  return model.combine === 'all' ? { all: leaves } : { any: leaves };
}

/** A leaf condition as a row, or null. */
function leafRow(c: Condition): ConditionRow | null {
  if ('matter' in c) return { subject: 'matter', ref: c.matter, test: c.selected ? 'selected' : 'notSelected' };
  if (!('answer' in c) && !('field' in c)) return null;
  const subject = 'answer' in c ? 'answer' : 'field';
  const ref = 'answer' in c ? c.answer : c.field;
  if (c.filled !== undefined) return { subject, ref, test: c.filled ? 'filled' : 'empty' };
  if (c.in !== undefined) return { subject, ref, test: 'in', value: c.in };
  if (c.includes !== undefined) return { subject, ref, test: 'includes', value: c.includes };
  if (c.min !== undefined) return { subject, ref, test: 'min', value: c.min };
  if (c.max !== undefined) return { subject, ref, test: 'max', value: c.max };
  return { subject, ref, test: 'equals', value: c.equals };
}

/** A condition as rows, or null when it nests deeper than the builder shows. */
export function conditionRows(c: Condition | undefined): ConditionRows | null {
  if (!c) return { combine: 'all', rows: [] };
  const leaf = leafRow(c);
  if (leaf) return { combine: 'all', rows: [leaf] };
  const list = 'all' in c ? c.all : 'any' in c ? c.any : null;
  if (!list) return null;
  const rows = list.map(leafRow);
  return rows.every((r) => r !== null) ? { combine: 'all' in c ? 'all' : 'any', rows: rows as ConditionRow[] } : null;
}
