/**
 * An official authors a bundle's logic in the studio — a 情形 question whose answers decide a
 * matter, a field condition, a rule tried on samples and saved with them as cases — sees it
 * in the preview, publishes, and the runtime enforces it. Everything typed is read back
 * through the API after a reload.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle } from '../../schemas/index.ts';
import { ADMIN_PASSWORD, apiLogin, choose, openBundleEditor, type Product, recordChangedCases, saved, type Studio } from './harness.ts';

let studio: Studio;
let product: Product;
let page: Page;
const BUNDLE = 'hardship-subsidy';
const CARD = 'JSRS-SK-0101';
const runtime = () => `${product.url}/api/regions/320000/bundles/${BUNDLE}`;

const openDropdown = () => page.locator('.el-select__popper:visible');

/** Picks options of a multiple select, then closes it as a person does: a click elsewhere in the dialog. */
async function chooseMany(trigger: string, options: string[]) {
  await page.click(trigger);
  for (const o of options) await openDropdown().locator('.el-select-dropdown__item', { hasText: o }).first().click();
  await page.locator('.el-dialog:visible .el-dialog__header').click();
  await openDropdown().waitFor({ state: 'detached' });
}

async function draft(): Promise<Bundle> {
  const admin = await apiLogin(product.url, 'admin', ADMIN_PASSWORD);
  return ((await admin.call('GET', `/api/studio/documents/bundle/${BUNDLE}`)).body as unknown as { body: Bundle }).body;
}

async function validate(body: unknown) {
  const res = await fetch(`${runtime()}/applications/validate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  studio = await openBundleEditor(BUNDLE);
  ({ product, page } = studio);
});

afterAll(() => studio?.close());

describe('an official authors the logic of a bundle', () => {
  let questionId = '';

  it('asks a 情形 question whose answers decide whether the 社保卡 matter is handled', async () => {
    await page.click('#tab-questions');
    await page.waitForSelector('[data-test=questions-tab] >> text=本情形没有情形问题');
    await page.click('[data-test=add-question]');
    await page.fill('[data-test=question-text]', '是否已经持有社会保障卡？');
    // the answer's key follows the wording (pinyin initials) until the official types one
    questionId = await page.inputValue('[data-test=question-id]');
    expect(questionId).toMatch(/^[a-z][a-z0-9]*$/);
    // 是 → 不办理社保卡申领; 否 → 办理
    await chooseMany('[data-test=answer-effect-0] [data-test=effect-exclude]', ['社会保障卡申领']);
    await chooseMany('[data-test=answer-effect-1] [data-test=effect-require]', ['社会保障卡申领']);
    await studio.shotWidths('40-question-dialog');
    await page.click('[data-test=question-save]');
    await page.waitForSelector('[data-test=question-dialog]', { state: 'hidden' });
    const item = page.locator(`[data-test=authored-question-${questionId}]`);
    expect(await item.textContent()).toContain('回答「是」时：不办理「社会保障卡申领」');
    expect(await item.textContent()).toContain('回答「否」时：办理「社会保障卡申领」');
    await saved(page);
  });

  it('shows the 工作岗位 field only to those who answer 否 — set in the one form', async () => {
    await page.click('#tab-form');
    await page.click('[data-test="condition-employment.position"]');
    await page.waitForSelector('[data-test=field-condition-dialog]');
    await page.click('[data-test=field-condition-dialog] [data-test=condition-add]');
    await choose(page, '[data-test=field-condition-dialog] [data-test=condition-ref]', '是否已经持有社会保障卡？');
    await choose(page, '[data-test=field-condition-dialog] [data-test=condition-value]', '否');
    await page.click('[data-test=field-condition-save]');
    await page.waitForSelector('[data-test=field-condition-dialog]', { state: 'hidden' });
    expect(await page.textContent('[data-test="condition-employment.position"]')).toBe('有条件');
    await saved(page);
  });

  it('writes a rule with the comparison builder, tries it, and saves the trials as cases', async () => {
    await page.click('#tab-rules');
    await page.click('[data-test=add-rule]');
    await page.fill('[data-test=rule-message]', '参保日期不能晚于申请日期');
    await page.fill('[data-test=rule-id]', 'insuredBeforeApplying');
    // without a basis naming its article the rule could not be published: the dialog says so where it is typed
    await page.waitForSelector('[data-test=rule-basis-missing]');
    await page.fill('[data-test=rule-basis]', '《中华人民共和国社会保险法》');
    await page.waitForSelector('[data-test=rule-basis-missing]');
    await page.fill('[data-test=rule-basis]', '《中华人民共和国社会保险法》第五十八条');
    await page.waitForSelector('[data-test=rule-basis-missing]', { state: 'detached' });
    // who may apply, in positive words, for the guide
    await page.fill('[data-test=rule-condition]', '参保日期在申请日期之前');
    const row = '[data-test=comparison-0]';
    await choose(page, `${row} [data-test=operand-field]`, '参保日期');
    await choose(page, `${row} [data-test=comparison-op]`, '≤');
    await choose(page, `${row} [data-test=operand]:nth-of-type(2) [data-test=operand-kind]`, '申请日期');
    expect(await page.textContent('[data-test=rule-dialog] .words')).toContain('「参保日期」 ≤ 申请日期');
    // a trial on the example application: a date after the application is refused
    const date = '[data-test="trial-employment.insuranceStartDate"] input';
    await page.fill(date, '2026-03-01');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-test=trial-result] >> text=不通过');
    await page.fill('[data-test=case-label]', '参保在申请之后');
    await choose(page, '[data-test=rule-trial] .row .el-select', '应不通过');
    await page.click('[data-test=case-add]');
    await page.fill(date, '2025-06-01');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-test=trial-result] >> text=通过');
    await page.fill('[data-test=case-label]', '参保在申请之前');
    await choose(page, '[data-test=rule-trial] .row .el-select', '应通过');
    await page.click('[data-test=case-add]');
    expect(await page.textContent('[data-test=rule-cases]')).toContain('参保在申请之前：应通过，现在通过');
    await studio.shotWidths('41-rule-dialog');
    await page.click('[data-test=rule-save]');
    await page.waitForSelector('[data-test=rule-dialog]', { state: 'hidden' });
    await page.waitForSelector('[data-test=bundle-rule-insuredBeforeApplying]');
    expect(await page.textContent('[data-test=bundle-rules]')).toContain('2 个样例均符合');
    await saved(page);
    await studio.shotWidths('42-rules-tab');
  });

  it('keeps all of it across a reload, as the API reads it back', async () => {
    await page.reload();
    await page.waitForSelector('[data-test=canvas] .vue-flow__node');
    await page.click('#tab-questions');
    await page.waitForSelector(`[data-test=authored-question-${questionId}]`);
    await studio.shotWidths('43-questions-tab');
    const b = await draft();
    const scenario = b.scenarios[0]!;
    expect(scenario.questions).toEqual([{ id: questionId, text: '是否已经持有社会保障卡？', kind: 'yes-no' }]);
    expect(scenario.effects).toEqual([
      { when: { answer: questionId, equals: true }, exclude: [CARD] },
      { when: { answer: questionId, equals: false }, require: [CARD] },
    ]);
    // the authored condition, beside the shipped ones (bank details only for another account)
    expect(b.fieldConditions!.filter((c) => !c.target.startsWith('bank.'))).toEqual([
      { target: 'employment.position', when: { answer: questionId, equals: false } },
    ]);
    expect(b.rules).toEqual([
      {
        id: 'insuredBeforeApplying',
        message: '参保日期不能晚于申请日期',
        severity: 'reject',
        fields: ['employment.insuranceStartDate'],
        logic: { '<=': [{ var: 'employment.insuranceStartDate' }, { var: 'applicationDate' }] },
        basis: '《中华人民共和国社会保险法》第五十八条',
        condition: '参保日期在申请日期之前',
        cases: [
          { label: '参保在申请之后', values: { 'employment.insuranceStartDate': '2026-03-01' }, passes: false },
          { label: '参保在申请之前', values: { 'employment.insuranceStartDate': '2025-06-01' }, passes: true },
        ],
      },
    ]);
  });

  it('previews it: the question first, the matter decided by the answer, the rule fired', async () => {
    await page.click('[data-test=open-preview]');
    await page.waitForSelector('[data-test=preview-questions]');
    await page.click(`[data-test=question-${questionId}] .el-radio >> text=是`);
    await page.waitForSelector(`[data-test=preview-matter-${CARD}] >> text=按您的回答无需办理`);
    expect(await page.locator('[data-test="field-employment.position"]').count()).toBe(0);
    await page.click(`[data-test=question-${questionId}] .el-radio >> text=否`);
    await page.waitForSelector(`[data-test=preview-matter-${CARD}].is-checked.is-disabled`);
    await page.click('[data-test=preview-matters] >> text=灵活就业人员社保补贴申领');
    await page.waitForSelector('[data-test="field-employment.position"]');
    await page.fill('[data-test="field-employment.insuranceStartDate"] input', '2099-01-01');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-test=rule-insuredBeforeApplying]');
    await page.locator('[data-test=preview-rules]').scrollIntoViewIfNeeded();
    await studio.shotWidths('44-preview-logic');
    // when it would be done if sent today, by the published calendar; a provisional year said so
    const accepted = (await page.textContent('[data-test=accepted-on]'))!;
    const due = (await page.textContent('[data-test=bundle-due]'))!;
    expect(accepted).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(due >= accepted).toBe(true);
    expect(await page.locator('[data-test=calendar-provisional]').count()).toBe(due.startsWith('2027') ? 1 : 0);
    await page.locator('[data-test=preview-deadlines]').scrollIntoViewIfNeeded();
    await studio.shotWidths('44b-preview-deadlines');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-test=preview]', { state: 'hidden' });
  });

  it('publishes, and the runtime asks the question, enforces its effect and refuses in the rule’s words', async () => {
    // the question changes what the shipped 用例 get: recorded again, as the official has seen
    await recordChangedCases(page);
    await page.click('[data-test=publish]');
    // the dialog says what changed in business terms: the question and the rule
    await page.waitForSelector('[data-test=publish-changes] >> text=增加规则「参保日期不能晚于申请日期」（不予受理）');
    expect(await page.textContent('[data-test=publish-changes]')).toContain('增加情形问题「是否已经持有社会保障卡？」');
    await studio.shotWidths('45-publish-logic');
    await page.click('[data-test=confirm-publish]');
    await page.waitForSelector('[data-test=version-state] >> text=已发布');
    const rules = (await (await fetch(`${runtime()}/rules`)).json()) as { id: string }[];
    expect(rules.map((r) => r.id)).toContain('insuredBeforeApplying');
    const example = (await (await fetch(`${runtime()}/example`)).json()) as Record<string, Record<string, unknown>> & {
      answers: Record<string, unknown>;
      matters: string[];
    };
    expect(example.answers[questionId]).toBeDefined();
    expect((await validate(example)).status).toBe(200);
    // 否 without the 社保卡 matter: the answer requires it
    const withoutCard = {
      ...example,
      answers: { ...example.answers, [questionId]: false },
      matters: example.matters.filter((m) => m !== CARD),
    };
    const refused = await validate(withoutCard);
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('社会保障卡申领');
    // the rule, in its own words, pointing at its field
    const late = await validate({ ...example, employment: { ...example.employment, insuranceStartDate: '2099-01-01' } });
    expect(late.status).toBe(422);
    expect(JSON.stringify(late.body)).toContain('参保日期不能晚于申请日期');
    expect(studio.problems).toEqual([]);
  });

  it('compares with a 政策参数: chosen by its name and value today, said in words, tried, and saved as {"param": name}', async () => {
    await page.click('#tab-rules');
    await page.click('[data-test=add-rule]');
    await page.fill('[data-test=rule-message]', '未满最低就业年龄，不能申请');
    await page.fill('[data-test=rule-id]', 'workingAge');
    await page.fill('[data-test=rule-basis]', '《中华人民共和国劳动法》第十五条');
    await page.fill('[data-test=rule-condition]', '申请之日已满最低就业年龄');
    const row = '[data-test=comparison-0]';
    const left = `${row} > [data-test=operand]:nth-of-type(1)`;
    await choose(page, `${left} > [data-test=operand-kind]`, '运算');
    await choose(page, `${left} > [data-test=operand-operation]`, '某日的周岁年龄');
    await choose(page, `${left} .arg:nth-of-type(1) [data-test=operand-field]`, '出生日期');
    await choose(page, `${left} .arg:nth-of-type(2) [data-test=operand-kind]`, '申请日期');
    await choose(page, `${row} [data-test=comparison-op]`, '≥');
    const right = `${row} > [data-test=operand]:nth-of-type(2)`;
    await choose(page, `${right} > [data-test=operand-kind]`, '政策参数');
    await choose(page, `${right} [data-test=operand-parameter]`, '最低就业年龄（现为 16 周岁）');
    expect(await page.textContent('[data-test=rule-dialog] .words')).toContain('≥ 政策参数「最低就业年龄（现为 16 周岁）」');
    // tried on the example application (an adult): it holds as the value in force on the trial's date says
    await page.waitForSelector('[data-test=trial-result] >> text=通过');
    await studio.shotWidths('44-rule-parameter');
    await page.click('[data-test=rule-save]');
    await page.waitForSelector('[data-test=rule-dialog]', { state: 'hidden' });
    await saved(page);
    await page.reload();
    await page.waitForSelector('[data-test=canvas] .vue-flow__node');
    await page.click('#tab-rules');
    await page.waitForSelector('[data-test=bundle-rules] >> text=政策参数「最低就业年龄');
    const rule = (await draft()).rules!.find((r) => r.id === 'workingAge')!;
    expect(rule.logic).toEqual({
      '>=': [{ age: [{ var: 'person.birthDate' }, { var: 'applicationDate' }] }, { param: 'work.minimumAge' }],
    });
  });

  it('shows the shipped logic of 退休一件事: its questions, the matters’ rules with their bases, and dependencies on the canvas', async () => {
    await page.goto(`${product.url}/bundles/retirement/edit`);
    await page.waitForSelector('[data-test=canvas] .vue-flow__node');
    // 特殊工种 before 退休审批: drawn as a dependency, explained on the matter, not deletable
    await page.waitForSelector('[data-test=dependency-legend]');
    expect(await page.locator('.vue-flow__edge.dependency').count()).toBeGreaterThan(0);
    await page.click('[data-test=node-JSRS-YL-0101]');
    expect(await page.textContent('[data-test=depends-on]')).toContain('须待「企业职工基本养老保险特殊工种提前退休审批」作出决定');
    await page.click('#tab-questions');
    await page.waitForSelector('[data-test=questions-tab] >> text=是否申请特殊工种提前退休');
    await studio.shotWidths('46-retirement-questions');
    await page.click('#tab-rules');
    const matterRules = (await page.textContent('[data-test=matter-rules]'))!;
    expect(matterRules).toContain('《');
    expect(matterRules).not.toContain('样例不符');
    await studio.shotWidths('47-retirement-rules');
    // the printable guide: the questions asked first, the 受理条件 with their bases, the provisional calendar year
    await page.goto(`${product.url}/api/regions/320000/bundles/retirement/guide`);
    expect(await page.textContent('body')).toContain('是否申请特殊工种提前退休？');
    expect(await page.textContent('body')).toContain('2027 年的节假日安排为暂定');
    await studio.shotWidths('48-retirement-guide');
    // a material accepted by commitment: the guide links to its printable 告知承诺书
    await page.goto(`${product.url}/api/regions/320000/bundles/unemployment/guide`);
    await page.click('text=打印告知承诺书');
    await page.waitForSelector('h1 >> text=告知承诺书');
    expect(await page.textContent('body')).toContain('不实承诺的后果');
    await studio.shotWidths('49-commitment');
  });
});
