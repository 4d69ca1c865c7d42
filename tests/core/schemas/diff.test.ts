import { describe, expect, it } from 'vitest';
import { compileBundle, diffCompiled, type Bundle, type Definitions } from '../../../schemas/index.ts';
import { bundle, definitions, field, material, matter } from '../../support/fixtures.ts';

const A = matter('A001', { promisedDays: 3 });
const B = matter('B001', { promisedDays: 7, fields: [field('person.name'), field('contact.mobile')] });
const C = matter('C001', { promisedDays: 2, materials: [material('bankCard')] });
const base = bundle(['A001', 'B001']);
const compile = (b: Bundle, defs: Definitions = definitions([A, B, C], [b])) => compileBundle({ ...defs, bundles: [b] }, b.id, b.region);
const diff = (change: (b: Bundle) => Bundle, defs?: Definitions) => diffCompiled(compile(base, defs), compile(change(base), defs));
const scenario = (b: Bundle, change: Partial<Bundle['scenarios'][number]>): Bundle => ({
  ...b,
  scenarios: [{ ...b.scenarios[0]!, ...change }],
});

describe('diff', () => {
  it('finds nothing between a bundle and itself', () => {
    expect(diff((b) => b)).toEqual([]);
  });

  it('names a renamed bundle and scenario', () => {
    expect(diff((b) => scenario({ ...b, name: '新名称' }, { label: '新情形' }))).toEqual([
      { kind: 'name-changed', text: '名称由「测试一件事」改为「新名称」' },
      { kind: 'scenario-relabelled', scenario: 'main', text: '办事情形「主情形」改名为「新情形」' },
    ]);
  });

  it('reports added and removed matters with their selection, and the fields and materials that come and go with them', () => {
    const changes = diff((b) =>
      scenario(b, {
        items: [
          { matter: 'A001', selection: 'required' },
          { matter: 'C001', selection: 'optional' },
        ],
      }),
    );
    expect(changes).toEqual([
      { kind: 'matter-added', scenario: 'main', subject: 'C001', text: '「主情形」增加事项「事项C001」（可选）' },
      { kind: 'matter-removed', scenario: 'main', subject: 'B001', text: '「主情形」删除事项「事项B001」' },
      { kind: 'material-added', scenario: 'main', subject: 'bankCard', text: '「主情形」增加材料「银行卡」' },
      { kind: 'days-changed', scenario: 'main', text: '「主情形」办结时限由 7 个工作日改为 3 个工作日' },
      { kind: 'field-sources-changed', subject: 'person.name', text: '字段「姓名」涉及的事项有变化（2 个事项）' },
      { kind: 'field-sources-changed', subject: 'person.idNumber', text: '字段「公民身份号码」合并了更多事项（1 → 2 个事项）' },
      { kind: 'field-removed', subject: 'contact.mobile', text: '一张表单减少字段「手机号码」' },
    ]);
  });

  it('reports a selection change, a mode change and a reorder', () => {
    expect(
      diff((b) =>
        scenario(b, {
          items: [
            { matter: 'A001', selection: 'required' },
            { matter: 'B001', selection: 'required' },
          ],
        }),
      ),
    ).toEqual([{ kind: 'selection-changed', scenario: 'main', subject: 'B001', text: '「主情形」事项「事项B001」由可选改为必选' }]);
    const serial = diff((b) => scenario(b, { mode: 'serial' }));
    expect(serial.map((c) => c.kind)).toEqual(['mode-changed', 'matters-reordered', 'days-changed']);
    expect(serial[0]!.text).toBe('「主情形」办理模式由并行改为串行');
    expect(serial[2]!.text).toBe('「主情形」办结时限由 7 个工作日改为 10 个工作日');
  });

  it("reports a matter's promise that changed, even when the bundle's time limit does not", () => {
    // a serial bundle promising 8 days of 3 + 7: A at 5 days shares the same 8 days differently
    const serial = { ...scenario(base, { mode: 'serial' }), promisedDays: 8 };
    const slower = definitions([matter('A001', { promisedDays: 5 }), B, C], [serial]);
    const changes = diffCompiled(compile(serial), compile(serial, slower));
    expect(changes).toEqual([
      {
        kind: 'matter-days-changed',
        scenario: 'main',
        subject: 'A001',
        text: '「主情形」事项「事项A001」承诺时限由 3 个工作日改为 5 个工作日',
      },
    ]);
  });

  it('reports what the guide says of a matter: its hours, phone, basis and legal limit, by name', () => {
    const before = definitions([A, B, C], [base]);
    const after = definitions(
      [
        {
          ...A,
          legalDays: null,
          basis: [{ kind: 'law', title: '失业保险条例', articles: '第十四条' }],
          service: { hours: '工作日 9:00—17:00', consultPhone: '0512-12333' },
        },
        B,
        C,
      ],
      [base],
    );
    expect(diffCompiled(compile(base, before), compile(base, after))).toEqual([
      {
        kind: 'matter-guide-changed',
        scenario: 'main',
        subject: 'A001',
        text: '「主情形」事项「事项A001」的法定时限、设立依据、办理时间、咨询电话有修改',
      },
    ]);
  });

  it('reports a material that becomes exempt', () => {
    const eLicensed = definitions([A, B, matter('C001', { materials: [material('bankCard')] })], [base]);
    const before = compile(scenario(base, { items: [...base.scenarios[0]!.items, { matter: 'C001', selection: 'optional' }] }), eLicensed);
    const withCommitment = definitions([A, B, matter('C001', { materials: [material('bankCard', { commitment: true })] })], [base]);
    const after = compile(
      scenario(base, { items: [...base.scenarios[0]!.items, { matter: 'C001', selection: 'optional' }] }),
      withCommitment,
    );
    expect(diffCompiled(before, after)).toEqual([
      { kind: 'material-exemption-changed', scenario: 'main', subject: 'bankCard', text: '「主情形」材料「银行卡」改为免提交' },
    ]);
  });

  it('reports a field that becomes required', () => {
    const optional = definitions([matter('A001', { fields: [field('person.age', false)] }), B], [base]);
    const required = definitions([matter('A001', { fields: [field('person.age', true)] }), B], [base]);
    expect(diffCompiled(compile(base, optional), compile(base, required))).toEqual([
      { kind: 'field-required-changed', subject: 'person.age', text: '字段「年龄」改为必填' },
    ]);
  });

  it('reports added and removed scenarios', () => {
    const two: Bundle = { ...base, scenarios: [...base.scenarios, { ...base.scenarios[0]!, id: 'second', label: '第二情形' }] };
    expect(diffCompiled(compile(base), compile(two))).toEqual([
      { kind: 'scenario-added', scenario: 'second', text: '增加办事情形「第二情形」' },
    ]);
    expect(diffCompiled(compile(two), compile(base))).toEqual([
      { kind: 'scenario-removed', scenario: 'second', text: '删除办事情形「第二情形」' },
    ]);
  });

  it('reports the logic an official authors: questions, what answers do, groups, field conditions and rules', () => {
    const ask = { id: 'byAgent', text: '是否代办？', kind: 'yes-no' as const };
    const withLogic = (b: Bundle): Bundle =>
      scenario(
        {
          ...b,
          fieldConditions: [{ target: 'contact.mobile', when: { answer: 'byAgent', equals: true } }],
          rules: [
            {
              id: 'r',
              message: '手机号码须填写',
              severity: 'reject',
              fields: ['contact.mobile'],
              logic: { '!!': [{ var: 'contact.mobile' }] },
            },
          ],
        },
        {
          questions: [ask],
          effects: [{ when: { answer: 'byAgent', equals: true }, require: ['B001'] }],
          groups: [{ kind: 'at-most-one', label: '组', matters: ['A001', 'B001'] }],
        },
      );
    expect(diff(withLogic).map((c) => [c.kind, c.text])).toEqual([
      ['question-added', '「主情形」增加情形问题「是否代办？」'],
      ['effects-changed', '「主情形」情形问题的回答对事项、材料的影响有修改'],
      ['groups-changed', '「主情形」可选事项的组合要求有修改'],
      ['field-condition-changed', '字段「手机号码」的显示条件有修改'],
      ['rule-added', '增加规则「手机号码须填写」（不予受理）'],
    ]);
    const before = withLogic(base);
    const after: Bundle = {
      ...scenario(before, { questions: [{ ...ask, text: '是否委托他人代办？' }] }),
      rules: [{ ...before.rules![0]!, severity: 'warn' }],
    };
    expect(diffCompiled(compile(before), compile(after)).map((c) => c.kind)).toEqual(['question-changed', 'rule-changed']);
    expect(diffCompiled(compile(after), compile(base)).map((c) => c.kind)).toEqual([
      'question-removed',
      'effects-changed',
      'groups-changed',
      'field-condition-changed',
      'rule-removed',
    ]);
  });
});
