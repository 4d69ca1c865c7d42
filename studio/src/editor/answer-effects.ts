/**
 * What each answer does, as the 情形 tab shows it: a row per answer of a question (是 / 否,
 * each option, each option chosen or not), each row the effect whose condition is that
 * answer. Effects with any other condition are "other effects", edited with the condition
 * builder. Pure functions over the scenario's effects.
 */
import type { Bundle, Condition, EffectMaterial, Question, ScenarioEffect } from '../../../schemas/index.ts';
import { initials } from '../util/pinyin.ts';

/** One answer a question can have, and the condition that stands for it. */
export interface AnswerRow {
  label: string;
  when: Condition;
}

/** The answers of a question that can carry effects. */
export function answerRows(q: Question): AnswerRow[] {
  const option = (value: string) => q.options?.find((o) => o.value === value)?.label ?? value;
  switch (q.kind) {
    case 'yes-no':
      return [
        { label: '回答「是」时', when: { answer: q.id, equals: true } },
        { label: '回答「否」时', when: { answer: q.id, equals: false } },
      ];
    case 'one-of':
      return (q.options ?? []).map((o) => ({ label: `选择「${o.label}」时`, when: { answer: q.id, equals: o.value } }));
    case 'several-of':
      return (q.options ?? []).flatMap((o) => [
        { label: `选择了「${option(o.value)}」时`, when: { answer: q.id, includes: o.value } },
        {
          label: `未选择「${option(o.value)}」时`,
          when: { all: [{ answer: q.id, filled: true }, { not: { answer: q.id, includes: o.value } }] },
        },
      ]);
    default:
      return [];
  }
}

const same = (a: Condition, b: Condition) => JSON.stringify(a) === JSON.stringify(b);

/** The effect of one answer, if any. */
export function effectOf(effects: readonly ScenarioEffect[], when: Condition): ScenarioEffect | undefined {
  return effects.find((e) => same(e.when, when));
}

/** What an effect does. */
export type EffectChange = Partial<Pick<ScenarioEffect, 'require' | 'exclude' | 'materials'>>;

/** The effects with the one for `when` changed (added, or removed when it does nothing any more). */
export function withEffect(effects: readonly ScenarioEffect[], when: Condition, change: EffectChange): ScenarioEffect[] {
  const current = effectOf(effects, when);
  const next: ScenarioEffect = { when, ...current, ...change };
  for (const key of ['require', 'exclude', 'materials'] as const) if (!next[key]?.length) delete next[key];
  const empty = !next.require && !next.exclude && !next.materials;
  if (current) return empty ? effects.filter((e) => e !== current) : effects.map((e) => (e === current ? next : e));
  return empty ? [...effects] : [...effects, next];
}

/** Effects that are not one answer's (their condition combines answers, fields or matters). */
export function otherEffects(effects: readonly ScenarioEffect[], questions: readonly Question[]): ScenarioEffect[] {
  const rows = questions.flatMap(answerRows);
  return effects.filter((e) => !rows.some((r) => same(r.when, e.when)));
}

/** The effects without those of a question (when it is removed or its options change). */
export function withoutQuestion(effects: readonly ScenarioEffect[], q: Question): ScenarioEffect[] {
  const rows = answerRows(q);
  return effects.filter((e) => !rows.some((r) => same(r.when, e.when)));
}

/**
 * The scenario's effects after a question is edited from `before` to `after`: effects of
 * answers `after` still has are kept as `edited` has them, those of answers it lost go.
 */
export function questionEffects(edited: readonly ScenarioEffect[], before: Question | null, after: Question): ScenarioEffect[] {
  const rows = answerRows(after);
  const mine = edited.filter((e) => rows.some((r) => same(r.when, e.when)));
  const rest = withoutQuestion(before ? withoutQuestion(edited, before) : edited, after);
  return [...rest, ...mine];
}

/** How names are looked up for the words of an effect. */
export interface EffectNames {
  matter(code: string): string;
  material(id: string): string;
}

/** What an effect does, in words: 办理「…」；不办理「…」；需提交「…」. */
export function effectWords(e: EffectChange, names: EffectNames): string {
  const quoted = (list: string[]) => list.map((x) => `「${x}」`).join('');
  const parts: string[] = [];
  if (e.require?.length) parts.push(`办理${quoted(e.require.map(names.matter))}`);
  if (e.exclude?.length) parts.push(`不办理${quoted(e.exclude.map(names.matter))}`);
  if (e.materials?.length) parts.push(`需提交${quoted(e.materials.map((m) => names.material(m.material.ref)))}`);
  return parts.join('；') || '无';
}

/** An id from a text's pinyin initials, not among `taken` (q1, q2… when the text gives none). */
export function idFrom(text: string, taken: ReadonlySet<string>, fallback: string): string {
  const base = initials(text)
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 24);
  const stem = /^[a-z]/.test(base) ? base : fallback;
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) if (!taken.has(`${stem}${n}`)) return `${stem}${n}`;
}

/** Every question id of the bundle (answers share one object across scenarios). */
export function questionIds(b: Bundle): Set<string> {
  return new Set(b.scenarios.flatMap((s) => (s.questions ?? []).map((q) => q.id)));
}

/** A material an answer asks for, as the tab adds it: required, either form, one copy. */
export function effectMaterial(ref: string): EffectMaterial {
  return { material: { ref, necessity: 'required', form: 'either', copies: 1 } };
}
