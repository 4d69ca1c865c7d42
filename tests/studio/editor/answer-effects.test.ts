import { describe, expect, it } from 'vitest';
import type { Question, ScenarioEffect } from '../../../schemas/index.ts';
import {
  answerRows,
  effectOf,
  effectWords,
  idFrom,
  otherEffects,
  questionEffects,
  withEffect,
  withoutQuestion,
} from '../../../studio/src/editor/answer-effects.ts';

const yesNo: Question = { id: 'byAgent', text: '是否由他人代办？', kind: 'yes-no' };
const several: Question = {
  id: 'benefits',
  text: '申领哪些待遇？',
  kind: 'several-of',
  options: [
    { value: 'insurance', label: '失业保险金' },
    { value: 'card', label: '就业创业证' },
  ],
};

describe('answer-effects', () => {
  it('offers a row per answer: yes and no, each option, each option chosen or not (only once answered)', () => {
    expect(answerRows(yesNo).map((r) => r.label)).toEqual(['回答「是」时', '回答「否」时']);
    const rows = answerRows(several);
    expect(rows.map((r) => r.label)).toEqual([
      '选择了「失业保险金」时',
      '未选择「失业保险金」时',
      '选择了「就业创业证」时',
      '未选择「就业创业证」时',
    ]);
    expect(rows[1]!.when).toEqual({ all: [{ answer: 'benefits', filled: true }, { not: { answer: 'benefits', includes: 'insurance' } }] });
    expect(answerRows({ id: 'n', text: '人数', kind: 'number' })).toEqual([]);
  });

  it('adds, changes and drops the effect of an answer; an effect that does nothing is not kept', () => {
    const yes = answerRows(yesNo)[0]!.when;
    let effects = withEffect([], yes, { require: ['A001'] });
    expect(effects).toEqual([{ when: yes, require: ['A001'] }]);
    effects = withEffect(effects, yes, { exclude: ['B001'] });
    expect(effectOf(effects, yes)).toEqual({ when: yes, require: ['A001'], exclude: ['B001'] });
    effects = withEffect(effects, yes, { require: [], exclude: [] });
    expect(effects).toEqual([]);
  });

  it('tells answers’ effects from effects with other conditions, and drops a removed question’s', () => {
    const other: ScenarioEffect = {
      when: {
        all: [
          { answer: 'byAgent', equals: true },
          { field: 'person.age', min: 60 },
        ],
      },
      require: ['C001'],
    };
    const effects = [{ when: { answer: 'byAgent', equals: true }, require: ['A001'] }, other];
    expect(otherEffects(effects, [yesNo])).toEqual([other]);
    expect(withoutQuestion(effects, yesNo)).toEqual([other]);
  });

  it('keeps the effects of answers a question still has after an edit, and drops those of lost options', () => {
    const chosen = (v: string) => ({ answer: 'benefits', includes: v });
    const before = [
      { when: chosen('insurance'), require: ['A001'] },
      { when: chosen('card'), require: ['B001'] },
    ];
    const after: Question = { ...several, options: [several.options![0]!, { value: 'subsidy', label: '补助金' }] };
    expect(questionEffects(before, several, after)).toEqual([{ when: chosen('insurance'), require: ['A001'] }]);
  });

  it('says what an effect does in words', () => {
    const names = { matter: (c: string) => `事项${c}`, material: (m: string) => `材料${m}` };
    const words = effectWords(
      { require: ['A'], exclude: ['B'], materials: [{ material: { ref: 'm1', necessity: 'required', form: 'either', copies: 1 } }] },
      names,
    );
    expect(words).toBe('办理「事项A」；不办理「事项B」；需提交「材料m1」');
    expect(effectWords({}, names)).toBe('无');
  });

  it('makes ids from pinyin initials, unique, with a fallback for text without letters', () => {
    expect(idFrom('是否代办', new Set(), 'q')).toBe('sfdb');
    expect(idFrom('是否代办', new Set(['sfdb']), 'q')).toBe('sfdb2');
    expect(idFrom('123', new Set(), 'q')).toBe('q');
  });
});
