import { describe, expect, it } from 'vitest';
import type { Bundle, Question, Rule } from '../../../schemas/index.ts';
import {
  moveQuestion,
  removeQuestion,
  removeRule,
  saveQuestion,
  saveRule,
  setFieldCondition,
} from '../../../studio/src/editor/logic-ops.ts';

const ask = (id: string, text = id): Question => ({ id, text, kind: 'yes-no' });
const base: Bundle = {
  id: 'b',
  name: '一件事',
  version: 1,
  region: '320000',
  lead: '省人社厅',
  scenarios: [
    {
      id: 'one',
      label: '一',
      target: 'individual',
      mode: 'parallel',
      items: [],
      questions: [ask('a'), ask('b')],
      effects: [{ when: { answer: 'a', equals: true }, require: ['X'] }],
    },
    { id: 'two', label: '二', target: 'individual', mode: 'parallel', items: [], questions: [ask('a')] },
  ],
};

describe('logic-ops', () => {
  it('saves a new question at the end, and an edited one wherever the same answer is asked', () => {
    const added = saveQuestion(base, 'two', null, ask('c'), []);
    expect(added.scenarios[1]!.questions!.map((q) => q.id)).toEqual(['a', 'c']);
    expect(added.scenarios[1]!.effects).toBeUndefined();
    const edited = saveQuestion(base, 'one', 'a', ask('a', '是否代办？'), []);
    expect(edited.scenarios.map((s) => s.questions![0]!.text)).toEqual(['是否代办？', '是否代办？']);
    expect(edited.scenarios[0]!.effects).toBeUndefined();
    expect(base.scenarios[0]!.questions![0]!.text).toBe('a');
  });

  it('removes a question with its answers’ effects, and moves questions within bounds', () => {
    const removed = removeQuestion(base, 'one', 'a');
    expect(removed.scenarios[0]!.questions!.map((q) => q.id)).toEqual(['b']);
    expect(removed.scenarios[0]!.effects).toBeUndefined();
    expect(moveQuestion(base, 'one', 'b', -1).scenarios[0]!.questions!.map((q) => q.id)).toEqual(['b', 'a']);
    expect(moveQuestion(base, 'one', 'a', -1).scenarios[0]!.questions!.map((q) => q.id)).toEqual(['a', 'b']);
  });

  it('adds, replaces and removes rules; the last one removed leaves no empty list', () => {
    const rule: Rule = { id: 'r', message: '不符合', severity: 'reject', fields: [], logic: { '==': [1, 1] } };
    const one = saveRule(base, null, rule);
    expect(one.rules).toEqual([rule]);
    expect(saveRule(one, 'r', { ...rule, id: 's' }).rules!.map((r) => r.id)).toEqual(['s']);
    expect('rules' in removeRule(one, 'r')).toBe(false);
  });

  it('sets a field condition in place, and removes it', () => {
    const when = { answer: 'a', equals: true };
    const first = setFieldCondition(setFieldCondition(base, 'agent', { when }), 'x.y', { when, required: true });
    const changed = setFieldCondition(first, 'agent', { when, required: true });
    expect(changed.fieldConditions!.map((c) => [c.target, c.required])).toEqual([
      ['agent', true],
      ['x.y', true],
    ]);
    expect(setFieldCondition(setFieldCondition(first, 'agent', null), 'x.y', null).fieldConditions).toBeUndefined();
  });
});
