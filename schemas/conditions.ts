/**
 * Conditions of a bundle's logic — over the answers to 情形 questions, the values of the one
 * form and the selected matters — in two equivalent forms: a JSON Schema 2020-12 over the
 * whole application (what the export carries in `if` and in JSON Forms rules, so any
 * conforming validator decides as we do), and a direct evaluation (what the runtime and the
 * preview use on the hot path). Tests hold the two to the same verdict on random applications.
 *
 * A test of a value that is absent is false (except `filled: false`). A field is named by
 * its data element id: the section is what comes before the first dot, the key the rest.
 */
import type { JsonSchema } from './compiled-types.ts';
import type { AnswerCondition, Condition, FieldValueCondition, ValueTest } from './logic-types.ts';

/** An application as conditions see it. */
export type ApplicationData = Record<string, unknown>;

/** The section and key of a field id (`person.idNumber` → person, idNumber). */
export function fieldPath(id: string): { section: string; key: string } {
  const dot = id.indexOf('.');
  return { section: id.slice(0, dot), key: id.slice(dot + 1) };
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** True when `value` passes `test`. */
export function passes(test: ValueTest, value: unknown): boolean {
  if (test.filled !== undefined) return test.filled === !isEmpty(value);
  if (value === undefined) return false;
  if (test.equals !== undefined) return value === test.equals;
  if (test.in !== undefined) return (test.in as unknown[]).includes(value);
  if (test.includes !== undefined) return Array.isArray(value) && value.includes(test.includes);
  if (test.min !== undefined) return typeof value === 'number' && value >= test.min;
  if (test.max !== undefined) return typeof value === 'number' && value <= test.max;
  return false;
}

/** The test of a leaf condition (what remains without the answer or field it names). */
function testOf(leaf: AnswerCondition | FieldValueCondition): ValueTest {
  const { equals, in: oneOf, includes, min, max, filled } = leaf;
  return Object.fromEntries(Object.entries({ equals, in: oneOf, includes, min, max, filled }).filter(([, v]) => v !== undefined));
}

/** The value a condition's leaf reads from an application. */
function leafValue(c: Condition, app: ApplicationData): unknown {
  if ('answer' in c) return (app.answers as Record<string, unknown> | undefined)?.[c.answer];
  if ('field' in c) {
    const { section, key } = fieldPath(c.field);
    return (app[section] as Record<string, unknown> | undefined)?.[key];
  }
  return undefined;
}

/** True when `c` holds for `app`. */
export function holds(c: Condition, app: ApplicationData): boolean {
  if ('all' in c) return c.all.every((x) => holds(x, app));
  if ('any' in c) return c.any.some((x) => holds(x, app));
  if ('not' in c) return !holds(c.not, app);
  if ('matter' in c) {
    const matters = app.matters;
    return (Array.isArray(matters) && matters.includes(c.matter)) === c.selected;
  }
  return passes(testOf(c as AnswerCondition | FieldValueCondition), leafValue(c, app));
}

/** The schema a present value must satisfy to pass `test` (filled aside). */
function testSchema(test: ValueTest): JsonSchema {
  if (test.equals !== undefined) return { const: test.equals };
  if (test.in !== undefined) return { enum: [...test.in] };
  if (test.includes !== undefined) return { type: 'array', contains: { const: test.includes } };
  if (test.min !== undefined) return { type: 'number', minimum: test.min };
  if (test.max !== undefined) return { type: 'number', maximum: test.max };
  return { not: { enum: ['', [], null] } };
}

/** "Property `key` of object `outer` (itself a property of the root) passes `test`", as a schema of the root. */
function nested(outer: string, key: string, test: ValueTest): JsonSchema {
  const present: JsonSchema = {
    required: [outer],
    properties: { [outer]: { required: [key], properties: { [key]: testSchema(test) } } },
  };
  return test.filled === false ? { not: present } : present;
}

/** The condition as a JSON Schema 2020-12 over the whole application. */
export function conditionSchema(c: Condition): JsonSchema {
  if ('all' in c) return c.all.length === 1 ? conditionSchema(c.all[0]!) : { allOf: c.all.map(conditionSchema) };
  if ('any' in c) return c.any.length === 1 ? conditionSchema(c.any[0]!) : { anyOf: c.any.map(conditionSchema) };
  if ('not' in c) return { not: conditionSchema(c.not) };
  if ('matter' in c) {
    const selected: JsonSchema = { required: ['matters'], properties: { matters: { contains: { const: c.matter } } } };
    return c.selected ? selected : { not: selected };
  }
  const leaf = c as AnswerCondition | FieldValueCondition;
  if ('answer' in leaf) return nested('answers', leaf.answer, testOf(leaf));
  const { section, key } = fieldPath(leaf.field);
  return nested(section, key, testOf(leaf));
}

/** Every question, field and matter a condition reads. */
export function conditionRefs(c: Condition): { answers: string[]; fields: string[]; matters: string[] } {
  const out = { answers: [] as string[], fields: [] as string[], matters: [] as string[] };
  const walk = (x: Condition) => {
    if ('all' in x) x.all.forEach(walk);
    else if ('any' in x) x.any.forEach(walk);
    else if ('not' in x) walk(x.not);
    else if ('matter' in x) out.matters.push(x.matter);
    else if ('answer' in x) out.answers.push(x.answer);
    else out.fields.push(x.field);
  };
  walk(c);
  return out;
}

/** Both conditions at once (absent ones left out); undefined when none is given. */
export function bothOf(...conditions: (Condition | undefined)[]): Condition | undefined {
  const given = conditions.filter((c): c is Condition => c !== undefined);
  return given.length === 0 ? undefined : given.length === 1 ? given[0] : { all: given };
}

/** How conditions name what they read, for saying them in words. */
export interface ConditionWords {
  question(id: string): { text: string; options?: { value: string; label: string }[] } | undefined;
  field(id: string): { label: string; options?: { value: string; label: string }[] } | undefined;
  matter(code: string): string;
}

/** A condition in the official's and applicant's words: 「是否委托他人代办」回答「是」，且办理「失业保险金申领」. */
export function describeCondition(c: Condition, words: ConditionWords): string {
  if ('all' in c) return c.all.map((x) => describeCondition(x, words)).join('，且');
  if ('any' in c) return c.any.map((x) => describeCondition(x, words)).join('，或');
  if ('not' in c) return `并非（${describeCondition(c.not, words)}）`;
  if ('matter' in c) return `${c.selected ? '' : '不'}办理「${words.matter(c.matter)}」`;
  const leaf = c as AnswerCondition | FieldValueCondition;
  const subject = 'answer' in leaf ? words.question(leaf.answer) : words.field(leaf.field);
  const name =
    'answer' in leaf
      ? ((subject as { text?: string } | undefined)?.text ?? leaf.answer)
      : ((subject as { label?: string } | undefined)?.label ?? leaf.field);
  const label = (v: unknown) =>
    v === true ? '是' : v === false ? '否' : (subject?.options?.find((o) => o.value === v)?.label ?? String(v));
  const verb = 'answer' in leaf ? '回答' : '为';
  if (leaf.filled !== undefined) return `「${name}」${leaf.filled ? '已填写' : '未填写'}`;
  if (leaf.equals !== undefined) return `「${name}」${verb}「${label(leaf.equals)}」`;
  if (leaf.in !== undefined) return `「${name}」${verb}${leaf.in.map((v) => `「${label(v)}」`).join('或')}`;
  if (leaf.includes !== undefined) return `「${name}」选择了「${label(leaf.includes)}」`;
  if (leaf.min !== undefined) return `「${name}」不少于 ${leaf.min}`;
  if (leaf.max !== undefined) return `「${name}」不多于 ${leaf.max}`;
  return `「${name}」`;
}
