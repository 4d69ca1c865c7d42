import { describe, expect, it } from 'vitest';
import {
  compileBundle,
  DIAGNOSTIC_CODES,
  stableStringify,
  type Bundle,
  type CaseOutcome,
  type Definitions,
  type GoldenCase,
  type DiagnosticCode,
  type DiagnosticLoc,
  type Question,
  type Rule,
  type Scenario,
} from '../../../schemas/index.ts';
import { bundle, definitions, field, matter } from '../../support/fixtures.ts';

const A = matter('A001', { promisedDays: 3 });
const B = matter('B001', { promisedDays: 7 });
const ok = (over: Partial<Bundle> = {}, scenario: Partial<Scenario> = {}) => bundle(['A001', 'B001'], scenario, over);
const needsA = matter('B001', { promisedDays: 7, dependsOn: [{ matter: 'A001', kind: 'result' }] });
const yesNo: Question = { id: 'byAgent', text: '是否委托他人代办', kind: 'yes-no' };
const scenarioWith = (id: string, questions: Question[]): Scenario => ({ ...bundle(['A001', 'B001']).scenarios[0]!, id, questions });
/** A case applying for nothing in the main scenario, recorded with `expected`. */
const goldenCase = (id: string, expected: CaseOutcome): GoldenCase => ({
  id,
  label: `用例 ${id}`,
  receivedOn: '2026-03-02',
  application: { scenario: 'main', matters: [] },
  expected,
});
const rule = (over: Partial<Rule> = {}): Rule => ({
  id: 'r',
  message: '测试规则',
  severity: 'reject',
  fields: [],
  logic: { '==': [1, 1] },
  ...over,
});

/** One case per diagnostic code: the definitions that trigger it and where it points. */
const cases: [DiagnosticCode, () => Definitions, string, string?][] = [
  ['document.invalid', () => definitions([A, B], [{ ...ok(), name: '' }]), 'bundle:test-bundle'],
  ['bundle.unknown', () => definitions([A, B], []), 'bundle:test-bundle'],
  ['matter.unknown', () => definitions([A], [ok()]), 'bundle:test-bundle', '/scenarios/0/items/1/matter'],
  ['matter.duplicate', () => definitions([A, B], [bundle(['A001', 'B001', 'A001'])]), 'bundle:test-bundle', '/scenarios/0/items/2/matter'],
  ['matter.other-region', () => definitions([A, { ...B, region: '320500' }], [ok()]), 'bundle:test-bundle', '/scenarios/0/items/1/matter'],
  ['field.unknown', () => definitions([matter('A001', { fields: [field('person.shoeSize')] }), B], [ok()]), 'matter:A001', '/fields/0/ref'],
  [
    'field.conflict',
    () =>
      definitions(
        [
          matter('A001', { fields: [field('person.age', true, { minimum: 70 })] }),
          matter('B001', { fields: [field('person.age', true, { maximum: 30 })] }),
        ],
        [ok()],
      ),
    'bundle:test-bundle',
    '/fieldOverrides',
  ],
  [
    'field.override-unknown',
    () => definitions([A, B], [ok({ fieldOverrides: [{ field: 'person.shoeSize', label: '鞋码' }] })]),
    'bundle:test-bundle',
    '/fieldOverrides/0/field',
  ],
  [
    'material.unknown',
    () => definitions([matter('A001', { materials: [{ ref: 'passport', necessity: 'required', form: 'paper', copies: 1 }] }), B], [ok()]),
    'matter:A001',
    '/materials/0/ref',
  ],
  [
    'flow.cycle',
    () =>
      definitions(
        [A, B],
        [
          ok(
            {},
            {
              edges: [
                { before: 'A001', after: 'B001' },
                { before: 'B001', after: 'A001' },
              ],
            },
          ),
        ],
      ),
    'bundle:test-bundle',
    '/scenarios/0/edges',
  ],
  [
    'flow.edge-unknown',
    () => definitions([A, B], [ok({}, { edges: [{ before: 'A001', after: 'C001' }] })]),
    'bundle:test-bundle',
    '/scenarios/0/edges/0',
  ],
  ['scenario.no-selectable-matter', () => definitions([A, B], [bundle([])]), 'bundle:test-bundle', '/scenarios/0/items'],
  [
    'scenario.duplicate-id',
    () => {
      const b = ok();
      return definitions([A, B], [{ ...b, scenarios: [b.scenarios[0]!, { ...b.scenarios[0]!, label: '另一个' }] }]);
    },
    'bundle:test-bundle',
    '/scenarios/1/id',
  ],
  [
    'scenario.target-mismatch',
    () => definitions([A, matter('B001', { target: 'organization' })], [ok()]),
    'bundle:test-bundle',
    '/scenarios/0/items/1/matter',
  ],
  [
    'scenario.guide-incomplete',
    () => definitions([A, B], [ok({}, { guide: { question: '您是否已与原单位解除劳动关系？', answer: '' } })]),
    'bundle:test-bundle',
    '/scenarios/0/guide',
  ],
  [
    'flow.contradicts-dependency',
    () => definitions([A, needsA], [ok({}, { edges: [{ before: 'B001', after: 'A001' }] })]),
    'bundle:test-bundle',
    '/scenarios/0/edges/0',
  ],
  [
    'flow.reordered',
    () => definitions([A, needsA], [bundle(['B001', 'A001'], { mode: 'serial' })]),
    'bundle:test-bundle',
    '/scenarios/0/items',
  ],
  [
    'matter.dependency-unknown',
    () => definitions([matter('A001', { dependsOn: [{ matter: 'Z999', kind: 'decision' }] }), B], [ok()]),
    'matter:A001',
    '/dependsOn/0/matter',
  ],
  [
    'item.promise-exceeds-matter',
    () =>
      definitions(
        [A, B],
        [
          bundle(['A001', 'B001'], {
            items: [
              { matter: 'A001', selection: 'required', promisedDays: 9 },
              { matter: 'B001', selection: 'optional' },
            ],
          }),
        ],
      ),
    'bundle:test-bundle',
    '/scenarios/0/items/0/promisedDays',
  ],
  [
    'question.duplicate-id',
    () =>
      definitions(
        [A, B],
        [ok({ scenarios: [scenarioWith('main', [yesNo]), scenarioWith('second', [{ ...yesNo, text: '是否由单位代为申请？' }])] })],
      ),
    'bundle:test-bundle',
    '/scenarios/1/questions/0/id',
  ],
  [
    'question.no-options',
    () => definitions([A, B], [ok({}, { questions: [{ id: 'kind', text: '新进人员类型', kind: 'one-of' }] })]),
    'bundle:test-bundle',
    '/scenarios/0/questions/0',
  ],
  [
    'logic.unknown-answer',
    () => definitions([A, B], [ok({}, { effects: [{ when: { answer: 'nope', equals: true }, require: ['B001'] }] })]),
    'bundle:test-bundle',
    '/scenarios/0/effects/0/when',
  ],
  [
    'logic.unknown-field',
    () => definitions([A, B], [ok({ fieldConditions: [{ target: 'person.shoeSize', when: { matter: 'B001', selected: true } }] })]),
    'bundle:test-bundle',
    '/fieldConditions/0/target',
  ],
  [
    'roster.unknown-section',
    () => definitions([A, B], [ok({ roster: { sections: ['person', 'pets'] } })]),
    'bundle:test-bundle',
    '/roster/sections/1',
  ],
  [
    'roster.shared-condition',
    () =>
      definitions(
        [A, B],
        [ok({ roster: { sections: ['person'] } }, { questions: [{ ...yesNo, when: { field: 'person.name', filled: true } }] })],
      ),
    'bundle:test-bundle',
    '/scenarios/0/questions/0/when',
  ],
  [
    'roster.mixed-condition',
    () =>
      definitions(
        [A, B],
        [
          ok({
            roster: { sections: ['person'] },
            fieldConditions: [
              {
                target: 'person.name',
                when: {
                  any: [
                    { matter: 'B001', selected: true },
                    { field: 'person.idNumber', filled: true },
                  ],
                },
              },
            ],
          }),
        ],
      ),
    'bundle:test-bundle',
    '/fieldConditions/0/when',
  ],
  [
    'logic.unknown-matter',
    () =>
      definitions([A, B], [ok({}, { questions: [yesNo], effects: [{ when: { answer: 'byAgent', equals: true }, require: ['Z999'] }] })]),
    'bundle:test-bundle',
    '/scenarios/0/effects/0',
  ],
  [
    'logic.excludes-required',
    () =>
      definitions([A, B], [ok({}, { questions: [yesNo], effects: [{ when: { answer: 'byAgent', equals: true }, exclude: ['A001'] }] })]),
    'bundle:test-bundle',
    '/scenarios/0/effects/0/exclude',
  ],
  [
    'group.invalid',
    () => definitions([A, B], [ok({}, { groups: [{ kind: 'exactly-one', label: '录用类型', matters: ['A001', 'B001'] }] })]),
    'bundle:test-bundle',
    '/scenarios/0/groups/0',
  ],
  [
    'rule.invalid',
    () => definitions([A, B], [ok({ rules: [rule({ logic: { map: [[1], { var: '' }] } })] })]),
    'bundle:test-bundle',
    '/rules/0/logic',
  ],
  [
    'rule.unknown-field',
    () => definitions([A, B], [ok({ rules: [rule({ logic: { var: 'person.shoeSize' } })] })]),
    'bundle:test-bundle',
    '/rules/0/logic',
  ],
  [
    'rule.unknown-parameter',
    () =>
      definitions([A, B], [ok({ rules: [rule({ logic: { '>=': [{ var: 'applicationDate' }, { param: 'pension.noSuchFigure' }] } })] })]),
    'bundle:test-bundle',
    '/rules/0/logic',
  ],
  [
    'rule.case-fails',
    () => definitions([A, B], [ok({ rules: [rule({ cases: [{ label: '总是通过', values: {}, passes: false }] })] })]),
    'bundle:test-bundle',
    '/rules/0/cases/0',
  ],
  ['rule.no-basis', () => definitions([A, B], [ok({ rules: [rule({ basis: '《劳动法》' })] })]), 'bundle:test-bundle', '/rules/0/basis'],
  [
    'rule.one-sided-cases',
    () => definitions([A, B], [ok({ rules: [rule({ cases: [{ label: '总是通过', values: {}, passes: true }] })] })]),
    'bundle:test-bundle',
    '/rules/0/cases',
  ],
  ['time.promise-exceeds-critical-path', () => definitions([A, B], [ok({ promisedDays: 8 })]), 'bundle:test-bundle', '/promisedDays'],
  [
    'time.share-below-minimum',
    () => definitions([{ ...A, minimumDays: A.promisedDays }, B], [ok({ promisedDays: 1 })]),
    'bundle:test-bundle',
    '/promisedDays',
  ],
  [
    'time.promise-exceeds-legal',
    () => definitions([matter('A001', { legalDays: 5, promisedDays: 10 }), B], [ok()]),
    'matter:A001',
    '/promisedDays',
  ],
  [
    'material.commitment-not-allowed',
    () =>
      definitions(
        [matter('A001', { materials: [{ ref: 'regCert', necessity: 'required', form: 'either', copies: 1, commitment: true }] }), B],
        [ok()],
      ),
    'matter:A001',
    '/materials/0/commitment',
  ],
  [
    'matter.visits-originals',
    () =>
      definitions(
        [matter('A001', { visits: 0, materials: [{ ref: 'separationCert', necessity: 'required', form: 'paper', copies: 1 }] }), B],
        [ok()],
      ),
    'matter:A001',
    '/visits',
  ],
  ['case.changed', () => definitions([A, B], [ok({ cases: [goldenCase('empty', { accepted: true })] })]), 'bundle:test-bundle', '/cases/0'],
  [
    'case.duplicate-id',
    () => definitions([A, B], [ok({ cases: [goldenCase('twice', { accepted: false }), goldenCase('twice', { accepted: false })] })]),
    'bundle:test-bundle',
    '/cases/1',
  ],
  [
    'time.calendar-ends',
    () => definitions([A, B], [ok()], { calendar: { years: [2026], holidays: ['2026-12-31'], workdays: [] } }),
    'bundle:test-bundle',
    '/scenarios/0',
  ],
  [
    'variant.base-moved',
    () =>
      definitions([A, B], [ok({ version: 2 })], {
        variants: [{ id: 'v', bundle: 'test-bundle', baseVersion: 1, region: '320500', operations: [] }],
      }),
    'variant:v',
    '/baseVersion',
  ],
  [
    'variant.conflict',
    () =>
      definitions([A, B], [ok()], {
        variants: [
          {
            id: 'v',
            bundle: 'test-bundle',
            baseVersion: 1,
            region: '320500',
            operations: [{ op: 'removeItem', scenario: 'main', matter: 'A001' }],
          },
        ],
      }),
    'variant:v',
    '/operations/0',
  ],
];

/** Where each case's diagnostic is, as data (consumers read this, never the pointer). */
const LOCATIONS: Record<DiagnosticCode, DiagnosticLoc | undefined> = {
  'document.invalid': undefined,
  'bundle.unknown': undefined,
  'matter.unknown': { scenario: 'main', matter: 'B001' },
  'matter.duplicate': { scenario: 'main', matter: 'A001' },
  'matter.other-region': { scenario: 'main', matter: 'B001' },
  'field.unknown': { matter: 'A001' },
  'field.conflict': { field: 'person.age' },
  'field.override-unknown': { field: 'person.shoeSize' },
  'material.unknown': { matter: 'A001' },
  'flow.cycle': { scenario: 'main' },
  'flow.edge-unknown': { scenario: 'main' },
  'scenario.no-selectable-matter': { scenario: 'main' },
  'scenario.duplicate-id': { scenario: 'main' },
  'scenario.target-mismatch': { scenario: 'main', matter: 'B001' },
  'scenario.guide-incomplete': { scenario: 'main' },
  'flow.contradicts-dependency': { scenario: 'main' },
  'flow.reordered': { scenario: 'main' },
  'matter.dependency-unknown': { matter: 'A001' },
  'item.promise-exceeds-matter': { scenario: 'main', matter: 'A001' },
  'question.duplicate-id': { scenario: 'second', question: 'byAgent' },
  'question.no-options': { scenario: 'main', question: 'kind' },
  'logic.unknown-answer': { scenario: 'main' },
  'logic.unknown-field': undefined,
  'logic.unknown-matter': { scenario: 'main' },
  'logic.excludes-required': { scenario: 'main' },
  'group.invalid': { scenario: 'main' },
  'rule.invalid': { rule: 'r' },
  'rule.unknown-field': { rule: 'r' },
  'rule.unknown-parameter': { rule: 'r' },
  'rule.case-fails': { rule: 'r' },
  'rule.no-basis': { rule: 'r' },
  'rule.one-sided-cases': { rule: 'r' },
  'time.promise-exceeds-critical-path': { scenario: 'main' },
  'time.promise-exceeds-legal': { matter: 'A001' },
  'time.share-below-minimum': { scenario: 'main', matter: 'A001' },
  'matter.visits-originals': { matter: 'A001' },
  'material.commitment-not-allowed': { matter: 'A001' },
  'time.calendar-ends': { scenario: 'main' },
  'case.changed': { case: 'empty' },
  'case.duplicate-id': { case: 'twice' },
  'variant.base-moved': undefined,
  'variant.conflict': { operation: 0, scenario: 'main', matter: 'A001' },
  'roster.unknown-section': undefined,
  'roster.shared-condition': undefined,
  'roster.mixed-condition': undefined,
};

describe('compile diagnostics', () => {
  it('has a case for every diagnostic code', () => {
    expect(cases.map((c) => c[0]).sort()).toEqual([...DIAGNOSTIC_CODES].sort());
  });

  it.each(cases)('reports %s', (code, defs, document, path) => {
    const region = code.startsWith('variant') ? '320500' : '320000';
    const compiled = compileBundle(defs(), 'test-bundle', region);
    const found = compiled.diagnostics.filter((d) => d.code === code);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.document).toBe(document);
    if (path !== undefined) expect(found[0]!.path).toBe(path);
    expect(found[0]!.loc).toEqual(LOCATIONS[code]);
    expect(found[0]!.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a clean bundle has no diagnostics', () => {
    expect(compileBundle(definitions([A, B], [ok({ promisedDays: 7 })]), 'test-bundle', '320000').diagnostics).toEqual([]);
  });

  it("names the last day the calendar can plan an application of the scenario's time limit", () => {
    const defs = definitions([A, B], [ok()], { calendar: { years: [2026], holidays: ['2026-12-31'], workdays: [] } });
    const found = compileBundle(defs, 'test-bundle', '320000').diagnostics.filter((d) => d.code === 'time.calendar-ends');
    // 7 working days (A and B in parallel: the slower) fill 12-22 … 12-30 (12-31 a holiday): 12-21 is the last day of acceptance
    expect(found.map((d) => d.message)).toEqual([
      '工作日历只到 2026 年：2026-12-21 以后受理的「主情形」申请，办结日期将超出日历，运行端不能计算（返回 503）；请在此之前发布 2027 年的工作日历',
    ]);
  });

  it('a promise within the critical path caps the time limit', () => {
    const compiled = compileBundle(definitions([A, B], [ok({ promisedDays: 5 }, { mode: 'serial' })]), 'test-bundle', '320000');
    expect(compiled.scenarios[0]!.timeLimit).toEqual({ criticalDays: 10, criticalPath: ['A001', 'B001'], days: 5 });
  });

  it('is deterministic: the same input gives byte-identical output', () => {
    const make = () => definitions([A, B, matter('C001')], [bundle(['A001', 'B001', 'C001'], { mode: 'serial' })]);
    const first = JSON.stringify(compileBundle(make(), 'test-bundle', '320000'));
    const second = JSON.stringify(compileBundle(JSON.parse(JSON.stringify(make())) as Definitions, 'test-bundle', '320000'));
    expect(second).toBe(first);
  });

  it('counts the four reductions against doing the matters one by one', () => {
    const compiled = compileBundle(definitions([A, B], [ok()]), 'test-bundle', '320000');
    expect(compiled.scenarios[0]!.reductions).toEqual({
      fields: { before: 4, after: 2 },
      materials: { before: 2, after: 0 },
      days: { before: 10, after: 7 },
      steps: { before: 2, after: 1 },
      visits: { before: 2, after: 1 },
    });
  });

  it('builds a guide with the steps of the flow', () => {
    const compiled = compileBundle(definitions([A, B], [ok({}, { mode: 'serial' })]), 'test-bundle', '320000');
    const guide = compiled.guide.scenarios[0]!;
    expect(compiled.guide.title).toBe('测试一件事办事指南');
    expect(guide.steps.filter((s) => s.startsWith('第'))).toEqual(['第 1 环节：事项A001', '第 2 环节：事项B001']);
    expect(guide.days).toBe(10);
  });
});

describe('stable JSON', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(stableStringify({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } }, 0)).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });
});
