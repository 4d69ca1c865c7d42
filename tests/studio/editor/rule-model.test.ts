import { describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';
import {
  blankOperand,
  describeLogic,
  operandComplete,
  parseShape,
  shapeLogic,
  type RuleShape,
} from '../../../studio/src/editor/rule-model.ts';

const words = {
  field: (p: string) =>
    ({ 'employment.contributionMonths': '累计缴费月数', 'retire.retireDate': '退休（待遇领取）日期', 'person.idNumber': '公民身份号码' })[
      p
    ],
  question: (q: string) => ({ recognized: '是否已取得工伤认定决定书？' })[q],
  matter: (c: string) => ({ 'JSRS-YL-0103': '特殊工种提前退休审批' })[c],
  parameter: (n: string) => ({ 'specialJob.retirementAgeMale': '特殊工种提前退休年龄（男）（现为 55 周岁）' })[n],
};

describe('the rule builder’s model', () => {
  const shape: RuleShape = {
    combine: 'all',
    comparisons: [
      { left: { kind: 'field', path: 'employment.contributionMonths' }, op: '>=', right: { kind: 'number', value: 12 } },
      {
        left: { kind: 'field', path: 'retire.retireDate' },
        op: '>=',
        right: {
          kind: 'operation',
          name: 'retirementDate',
          args: [
            { kind: 'operation', name: 'idBirthDate', args: [{ kind: 'field', path: 'person.idNumber' }] },
            { kind: 'operation', name: 'idGender', args: [{ kind: 'field', path: 'person.idNumber' }] },
            { kind: 'text', value: 'cadre' },
          ],
        },
      },
      { left: { kind: 'answer', question: 'recognized' }, op: '==', right: { kind: 'boolean', value: true } },
      { left: { kind: 'field', path: 'separation.reason' }, op: '!=', right: { kind: 'text', value: 'employee' } },
      { left: { kind: 'applicationDate' }, op: '<=', right: { kind: 'date', value: '2026-12-31' } },
      {
        left: { kind: 'field', path: 'employment.contributionMonths' },
        op: '>=',
        right: { kind: 'parameter', name: 'unemployment.minContributionMonths' },
      },
    ],
  };

  it('writes JSON Logic and reads it back the same', () => {
    const logic = shapeLogic(shape);
    expect(Object.keys(logic)).toEqual(['and']);
    expect(parseShape(logic)).toEqual(shape);
    const single = { ...shape, comparisons: shape.comparisons.slice(0, 1) };
    expect(shapeLogic(single)).toEqual({ '>=': [{ var: 'employment.contributionMonths' }, 12] });
    expect(parseShape(shapeLogic(single))).toEqual(single);
  });

  it('cannot draw what is not a list of comparisons, and says it in words instead', () => {
    const special = loadDefinitions().matters.find((m) => m.code === 'JSRS-YL-0103')!.rules![0]!;
    expect(parseShape(special.logic)).toBeNull();
    expect(describeLogic(special.logic, words)).toBe(
      '某日的周岁年龄（身份证号中的出生日期（「公民身份号码」），「退休（待遇领取）日期」） ≥ ' +
        '若 身份证号中的性别（1 男，2 女）（「公民身份号码」） = “1”，则 政策参数「特殊工种提前退休年龄（男）（现为 55 周岁）」，' +
        '否则 政策参数「specialJob.retirementAgeFemale」',
    );
    expect(describeLogic({ param: ['pension.minContributionMonths', { var: 'retire.retireDate' }] }, words)).toBe(
      '政策参数「pension.minContributionMonths」在 「退休（待遇领取）日期」 的值',
    );
    expect(
      describeLogic(
        { or: [{ in: ['JSRS-YL-0103', { var: 'matters' }] }, { '>=': [{ var: 'employment.contributionMonths' }, 12] }] },
        words,
      ),
    ).toBe('办理「特殊工种提前退休审批」，或「累计缴费月数」 ≥ 12');
    expect(describeLogic({ '==': [{ var: 'answers.recognized' }, true] }, words)).toBe('「是否已取得工伤认定决定书？」的回答 = 是');
  });

  it('knows when an operand is complete, and starts each kind empty where a choice is needed', () => {
    for (const c of shape.comparisons) expect(operandComplete(c.left) && operandComplete(c.right)).toBe(true);
    expect(operandComplete(blankOperand('field'))).toBe(false);
    expect(operandComplete(blankOperand('operation'))).toBe(false);
    expect(operandComplete(blankOperand('parameter'))).toBe(false);
    expect(operandComplete(blankOperand('applicationDate'))).toBe(true);
    expect(operandComplete({ kind: 'operation', name: 'age', args: [{ kind: 'field', path: 'a.b' }] })).toBe(false);
  });
});
