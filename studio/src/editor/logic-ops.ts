/**
 * Edits of a bundle's logic as pure functions (like bundle-ops.ts): a scenario's questions,
 * their effects and groups, the bundle's field conditions and rules. A question id names one
 * answer of the whole application, so a question edited in one scenario is edited wherever
 * the same id asks it.
 */
import type { Bundle, FieldCondition, Question, Rule, Scenario, ScenarioEffect } from '../../../schemas/index.ts';
import { withoutQuestion } from './answer-effects.ts';
import { updateScenario } from './bundle-ops.ts';

type ScenarioLogic = Partial<Pick<Scenario, 'questions' | 'effects' | 'groups'>>;

/** Replaces a scenario's questions, effects or groups (an empty list removes the key). */
export function setScenarioLogic(b: Bundle, scenarioId: string, change: ScenarioLogic): Bundle {
  return updateScenario(b, scenarioId, (s) => {
    const out: Scenario = { ...s, ...change };
    for (const key of ['questions', 'effects', 'groups'] as const) if (key in change && !out[key]?.length) delete out[key];
    return out;
  });
}

/** Replaces the bundle's field conditions or rules (an empty list removes the key). */
export function setBundleLogic(b: Bundle, change: Partial<Pick<Bundle, 'fieldConditions' | 'rules'>>): Bundle {
  const out: Bundle = { ...b, ...change };
  for (const key of ['fieldConditions', 'rules'] as const) if (key in change && !out[key]?.length) delete out[key];
  return out;
}

/**
 * Saves a question of a scenario with the effects of its answers: `original` is the id it
 * had (null for a new one, appended). Other scenarios that ask the same question get the new
 * wording too; their effects stay theirs.
 */
export function saveQuestion(
  b: Bundle,
  scenarioId: string,
  original: string | null,
  question: Question,
  effects: ScenarioEffect[],
): Bundle {
  const replaced = original === null ? b : replaceEverywhere(b, original, question, scenarioId);
  return updateScenario(replaced, scenarioId, (s) => {
    const questions = s.questions ?? [];
    const list = original === null ? [...questions, question] : questions.map((q) => (q.id === original ? question : q));
    return withList(withList({ ...s }, 'questions', list), 'effects', effects);
  });
}

function replaceEverywhere(b: Bundle, id: string, question: Question, except: string): Bundle {
  return {
    ...b,
    scenarios: b.scenarios.map((s) =>
      s.id !== except && s.questions?.some((q) => q.id === id)
        ? { ...s, questions: s.questions.map((q) => (q.id === id ? question : q)) }
        : s,
    ),
  };
}

/** Removes a question from a scenario with the effects of its answers (other mentions the compiler points out). */
export function removeQuestion(b: Bundle, scenarioId: string, id: string): Bundle {
  return updateScenario(b, scenarioId, (s) => {
    const q = s.questions?.find((x) => x.id === id);
    if (!q) return s;
    const out = withList(
      { ...s },
      'questions',
      s.questions!.filter((x) => x !== q),
    );
    return withList(out, 'effects', withoutQuestion(s.effects ?? [], q));
  });
}

/** Moves a question one place up or down in the order the applicant is asked. */
export function moveQuestion(b: Bundle, scenarioId: string, id: string, step: -1 | 1): Bundle {
  return updateScenario(b, scenarioId, (s) => {
    const list = [...(s.questions ?? [])];
    const at = list.findIndex((q) => q.id === id);
    const to = at + step;
    if (at < 0 || to < 0 || to >= list.length) return s;
    [list[at], list[to]] = [list[to]!, list[at]!];
    return { ...s, questions: list };
  });
}

/** Adds a rule of the bundle, or replaces the one with id `original`. */
export function saveRule(b: Bundle, original: string | null, rule: Rule): Bundle {
  const rules = b.rules ?? [];
  return setBundleLogic(b, { rules: original === null ? [...rules, rule] : rules.map((r) => (r.id === original ? rule : r)) });
}

/** Removes a rule of the bundle. */
export function removeRule(b: Bundle, id: string): Bundle {
  return setBundleLogic(b, { rules: (b.rules ?? []).filter((r) => r.id !== id) });
}

/** Sets the condition of a field or section (null removes it). */
export function setFieldCondition(b: Bundle, target: string, condition: Omit<FieldCondition, 'target'> | null): Bundle {
  const list = b.fieldConditions ?? [];
  const next = condition ? { target, ...condition } : null;
  const kept = list.flatMap((c) => (c.target !== target ? [c] : next ? [next] : []));
  return setBundleLogic(b, { fieldConditions: next && !list.some((c) => c.target === target) ? [...kept, next] : kept });
}

function withList<K extends 'questions' | 'effects'>(s: Scenario, key: K, list: NonNullable<Scenario[K]>): Scenario {
  if (list.length) s[key] = list;
  else delete s[key];
  return s;
}
