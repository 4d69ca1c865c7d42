/**
 * The catalog in the browser, as officials author it: a new matter with its 事项要素, fields
 * and materials, added to a bundle where it causes a field conflict that is then resolved; a
 * data element edited after seeing its impact; the 2027 calendar published; the catalog
 * exported to Excel, a cell changed and imported back (dry run first); a guide and a
 * 告知承诺书 printed. Everything is typed into inputs and read back through the API.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type {
  Bundle,
  Dictionary,
  MaterialsDictionary,
  Matter,
  PolicyParameters,
  PublishedCalendarView,
  PublishedParametersView,
  RevisionView,
  WorkCalendar,
} from '../../schemas/index.ts';
import { changeCell } from '../support/workbook.ts';
import { conflicting } from './fixtures.ts';
import { ADMIN_PASSWORD, apiLogin, choose, openStudio, type Product, readDocument, type Studio } from './harness.ts';

let studio: Studio;
let product: Product;
let page: Page;
const CODE = 'JSRS-JY-0501';

async function admin() {
  return apiLogin(product.url, 'admin', ADMIN_PASSWORD);
}

/** Types into a searchable select (as a person types pinyin initials) and picks the option shown. */
async function search(select: string, typed: string, option: string) {
  await page.click(select);
  await page.locator(`${select} input`).pressSequentially(typed);
  await page.locator('.el-select__popper:visible .el-select-dropdown__item', { hasText: option }).first().click();
}

/** Fills an Element Plus input: its attributes are on the native input, or on a wrapper around it. */
async function fillIn(target: Locator, text: string) {
  const tag = await target.evaluate((e) => e.tagName);
  await (tag === 'INPUT' || tag === 'TEXTAREA' ? target : target.locator('input, textarea').first()).fill(text);
}

async function typeInto(selector: string, text: string) {
  await fillIn(page.locator(selector).first(), text);
}

beforeAll(async () => {
  studio = await openStudio();
  ({ product, page } = studio);
  const a = await admin();
  // a training bundle whose 见习补贴 takes only 本科 and 硕士 (文化程度)
  expect((await a.call('POST', '/api/studio/documents/matter', conflicting[0])).status).toBe(201);
  const bundle: Bundle = {
    id: 'skills-training',
    name: '职业技能提升一件事',
    version: 1,
    region: '320000',
    lead: '省就业服务中心',
    scenarios: [
      {
        id: 'main',
        label: '个人申请',
        target: 'individual',
        mode: 'parallel',
        items: [{ matter: conflicting[0]!.code, selection: 'required' }],
      },
    ],
  };
  expect((await a.call('POST', '/api/studio/documents/bundle', bundle)).status).toBe(201);
  await studio.login('admin', ADMIN_PASSWORD);
  page.setDefaultTimeout(10_000);
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') {
    await studio.shot('failed-catalog');
    console.log(studio.problems, await page.locator('.el-message').allTextContents());
  }
});

afterAll(() => studio?.close());

describe('the matter designer', () => {
  it('creates a matter with its 事项要素, fields and materials, every value typed, and the API reads it back', async () => {
    await page.click('nav >> text=事项库');
    await page.click('[data-test=new-matter]');
    await page.waitForSelector('[data-test=matter-designer]');
    await typeInto('[data-test=matter-code]', CODE);
    await typeInto('[data-test=matter-name]', '职业培训补贴申领');
    await typeInto('[data-test=matter-department]', '公共就业服务机构');
    // days out of range are kept as typed and refused in words, never clamped
    await page.locator('[data-test=matter-promised-days] input').fill('-5');
    await page.locator('[data-test=matter-promised-days] input').press('Tab');
    await page.waitForSelector('[data-test=promised-days-range]');
    expect(await page.locator('[data-test=matter-promised-days] input').inputValue()).toBe('-5');
    await page.click('[data-test=save-matter]');
    await page.waitForSelector('[data-test=matter-errors] >> text=承诺时限');
    await page.locator('[data-test=matter-promised-days] input').fill('10');
    await page.locator('[data-test=matter-promised-days] input').press('Tab');
    await page.waitForSelector('[data-test=promised-days-range]', { state: 'detached' });
    // a 法定时限 asks for its source; without one the official is told to choose 无
    await page.click('[data-test=no-legal-limit]');
    await page.waitForSelector('[data-test=legal-days-basis-missing]');
    // a promise above the law's limit is said where it is typed
    await page.locator('[data-test=matter-legal-days] input').fill('5');
    await page.locator('[data-test=matter-legal-days] input').press('Tab');
    await page.waitForSelector('[data-test=promise-over-legal]');
    await page.locator('[data-test=matter-legal-days] input').fill('99999');
    await page.locator('[data-test=matter-legal-days] input').press('Tab');
    await page.waitForSelector('[data-test=legal-days-range]');
    await typeInto('[data-test=matter-legal-days-basis]', '《某条例》第八条');
    await page.waitForSelector('[data-test=legal-days-basis-missing]', { state: 'detached' });
    await page.click('[data-test=no-legal-limit]');
    await page.waitForSelector('[data-test=matter-legal-days-basis]', { state: 'detached' });
    // the fewest days the back office agreed to take inside a bundle
    await page.locator('[data-test=matter-minimum-days] input').fill('6');
    await page.locator('[data-test=matter-minimum-days] input').press('Tab');

    await page.click('#tab-service');
    await typeInto('[data-test=service-hours]', '周一至周五 9:00—12:00，13:30—17:00（法定节假日除外）');
    await choose(page, '[data-test=service-scope]', '全省通办');

    await page.click('#tab-basis');
    await page.click('[data-test=add-citation]');
    await choose(page, '[data-test=citation-0] [data-test=citation-kind]', '规范性文件');
    await typeInto('[data-test=citation-0] [data-test=citation-title]', '就业补助资金管理办法');
    await typeInto('[data-test=citation-0] [data-test=citation-docno]', '财社〔2017〕164号');

    await page.click('#tab-fields');
    await search('[data-test=pick-element]', 'xm', '姓名（person.name）');
    await search('[data-test=pick-element]', 'gmsfhm', '公民身份号码');
    await search('[data-test=pick-element]', 'whcd', '文化程度');
    // this matter pays for 大专 and 中职 training: 文化程度 narrowed to those two
    await page.click('[data-test="narrow-person.education"]');
    for (const option of ['大学专科', '中等职业教育'])
      await page.locator('.el-select__popper:visible .el-select-dropdown__item', { hasText: option }).first().click();
    await page.keyboard.press('Escape');
    await typeInto('[data-test=local-label]', '培训课时');
    await typeInto('[data-test=local-id]', 'trainingHours');
    await choose(page, '[data-test=local-type]', '整数');
    await page.click('[data-test=add-local-field]');
    await studio.shotWidths('61-matter-fields');

    await page.click('#tab-materials');
    await search('[data-test=pick-material]', 'jmsfz', '居民身份证');
    await search('[data-test=pick-material]', 'ldht', '劳动合同');
    await search('[data-test=pick-material]', 'gzcns', '告知承诺书');
    const rows = page.locator('[data-test=matter-materials] .el-table__body tr');
    await choose(page, `[data-test=matter-materials] .el-table__body tr:nth-child(3) [data-test=material-necessity]`, '容缺后补');
    await rows.nth(2).locator('[data-test=material-remedy-days] input').fill('5');
    await rows.nth(2).locator('[data-test=material-remedy-days] input').press('Tab');
    await fillIn(rows.nth(2).locator('[data-test=material-note]'), '培训机构出具的学员承诺');
    await rows.nth(1).locator('.el-select').nth(1).click();
    await page.locator('.el-select__popper:visible .el-select-dropdown__item', { hasText: /^纸质$/ }).click();

    await studio.shotWidths('62-matter-materials');

    // a 受理条件 of its own, written with the rule builder and tried on this matter's example application
    await page.click('#tab-rules');
    await page.click('[data-test=add-matter-rule]');
    await page.fill('[data-test=rule-message]', '培训课时应大于 0');
    await page.fill('[data-test=rule-id]', 'hoursGiven');
    await page.fill('[data-test=rule-basis]', '《就业补助资金管理办法》（财社〔2017〕164号）第五条');
    await choose(page, '[data-test=comparison-0] [data-test=operand-field]', '培训课时');
    await choose(page, '[data-test=comparison-0] [data-test=comparison-op]', '>');
    const hours = page.locator('[data-test=rule-trial] [data-test^="trial-"] input').first();
    await hours.fill('0');
    await hours.press('Tab');
    await page.waitForSelector('[data-test=trial-result] >> text=不通过');
    await page.click('[data-test=rule-save]');
    await page.waitForSelector('[data-test=rule-dialog]', { state: 'hidden' });
    await page.waitForSelector('[data-test=matter-rules] >> text=培训课时应大于 0');
    await studio.shotWidths('68-matter-rules');
    // a paper original needs one visit: the designer says so before the save
    await page.click('#tab-basic');
    await page.waitForSelector('[data-test=visits-warning]');
    await page.locator('[data-test=matter-visits] input').fill('1');
    await page.locator('[data-test=matter-visits] input').press('Tab');
    await page.waitForSelector('[data-test=visits-warning]', { state: 'detached' });
    await studio.shotWidths('60-matter-designer');
    await page.click('[data-test=save-matter]');
    await page.waitForSelector('[data-test=matter-designer]', { state: 'hidden' });

    const saved = (await readDocument<Matter>(product, 'matter', CODE)).body;
    expect(saved).toMatchObject({
      code: CODE,
      name: '职业培训补贴申领',
      kind: '20',
      department: '公共就业服务机构',
      legalDays: null,
      promisedDays: 10,
      minimumDays: 6,
      visits: 1,
      service: { hours: '周一至周五 9:00—12:00，13:30—17:00（法定节假日除外）', scope: 'province' },
      basis: [{ kind: 'document', title: '就业补助资金管理办法', docNo: '财社〔2017〕164号' }],
    });
    expect(saved.region).toBeUndefined();
    expect(saved.legalDaysBasis).toBeUndefined();
    expect(saved.rules).toEqual([
      expect.objectContaining({
        id: 'hoursGiven',
        message: '培训课时应大于 0',
        severity: 'reject',
        fields: [expect.stringContaining('trainingHours')],
        basis: '《就业补助资金管理办法》（财社〔2017〕164号）第五条',
      }),
    ]);
    expect(saved.fields).toEqual([
      { ref: 'person.name', required: true },
      { ref: 'person.idNumber', required: true },
      {
        ref: 'person.education',
        required: true,
        override: {
          options: [
            { value: 'college', label: '大学专科' },
            { value: 'secondary', label: '中等职业教育' },
          ],
        },
      },
      { local: { id: 'trainingHours', label: '培训课时', type: 'integer' }, required: true },
    ]);
    expect(saved.materials).toEqual([
      { ref: 'idCard', necessity: 'required', form: 'either', copies: 1 },
      { ref: 'laborContract', necessity: 'required', form: 'paper', copies: 1 },
      { ref: 'commitmentLetter', necessity: 'deferrable', form: 'either', copies: 1, remedyDays: 5, note: '培训机构出具的学员承诺' },
    ]);

    // after a reload the library shows what was saved
    await page.reload();
    await page.fill('[data-test=matter-search]', 'zypxbt');
    await page.click('[data-test=matter-table] >> text=职业培训补贴申领');
    await page.waitForSelector('[data-test=matter-basis] >> text=《就业补助资金管理办法》（财社〔2017〕164号）');
    expect(await page.textContent('.el-drawer')).toContain('周一至周五 9:00—12:00');
    await page.keyboard.press('Escape');
  });

  it('adds the matter to a bundle, where its 文化程度 clashes with the 见习补贴’s, and resolves the conflict', async () => {
    await page.goto(`${product.url}/bundles/skills-training/edit`);
    await page.waitForSelector('[data-test=canvas] .vue-flow__node');
    await page.fill('[data-test=palette-search]', CODE);
    await page.dragAndDrop(`[data-test=palette-${CODE}]`, '[data-test=canvas]', { targetPosition: { x: 520, y: 260 } });
    await page.waitForSelector(`[data-test=node-${CODE}]`);
    await page.click('text=诊断');
    await page.click('[data-test=diagnostics-table] >> text=一张表单 · 字段「文化程度」');
    await page.waitForSelector('.focused-row.conflict-row >> text=文化程度');
    await page.click('[data-test="resolve-person.education"]');
    await page.click('.el-select-dropdown__item >> text=职业培训补贴申领');
    await page.waitForFunction(() => document.querySelectorAll('.conflict-row').length === 0);
    await page.waitForSelector('[data-test=save-state] >> text=已保存', { timeout: 15_000 });
    const saved = (await readDocument<Bundle>(product, 'bundle', 'skills-training')).body;
    expect(saved.scenarios[0]!.items.map((i) => i.matter)).toContain(CODE);
    expect(saved.fieldOverrides).toContainEqual(expect.objectContaining({ field: 'person.education', prefer: CODE }));
  });
});

describe('dictionaries and the calendar', () => {
  it('edits a data element after seeing which bundles it reaches, and the history says what changed', async () => {
    await page.click('nav >> text=数据字典');
    await page.fill('[data-test=element-search]', 'sjhm');
    await page.click('[data-test=element-table] >> text=contact.mobile');
    await page.waitForSelector('[data-test=element-dialog]');
    await typeInto('[data-test=element-label]', '移动电话号码');
    await studio.shotWidths('69-element-dialog');
    await page.click('[data-test=save-element]');
    await page.waitForSelector('[data-test=impact-dialog] >> text=这项修改会影响');
    const impact = (await page.textContent('[data-test=impact-dialog]'))!;
    expect(impact).toContain('失业一件事');
    expect(impact).toContain('移动电话号码');
    await studio.shotWidths('63-element-impact');
    await page.click('[data-test=confirm-impact]');
    await page.waitForSelector('[data-test=impact-dialog]', { state: 'hidden' });
    const dictionary = (await readDocument<Dictionary>(product, 'dictionary', 'dictionary')).body;
    expect(dictionary.elements.find((e) => e.id === 'contact.mobile')!.label).toBe('移动电话号码');
    await page.click('[data-test=dictionary-history]');
    await page.waitForSelector('[data-test=revisions-dialog] >> text=数据元「手机号码」：名称 手机号码 → 移动电话号码');
    const history = (await (await admin()).call('GET', '/api/studio/documents/dictionary/dictionary/revisions'))
      .body as unknown as RevisionView[];
    expect(history[0]!.changes).toEqual(['数据元「手机号码」：名称 手机号码 → 移动电话号码']);
    await studio.shotWidths('70-dictionary-history');
    await page.keyboard.press('Escape');
    await page.click('#tab-materials');
    await page.waitForSelector('[data-test=material-table] >> text=居民身份证');
    await studio.shotWidths('71-materials-dictionary');
  });

  it('adds a data element whose format rule is built from parts, never typed', async () => {
    await page.click('#tab-elements');
    await page.fill('[data-test=element-search] input, input[data-test=element-search]', 'jzz');
    await page.click('[data-test=new-element]');
    await typeInto('[data-test=element-name]', 'permitNo');
    await typeInto('[data-test=element-label]', '居住证号码');
    await page.click('[data-test=build-pattern]');
    await page.click('[data-test=add-part-text]');
    await typeInto('[data-test=part-0] [data-test=part-text]', '苏');
    await page.click('[data-test=add-part-chars]');
    await page.click('[data-test=part-1] >> text=数字');
    await page.click('[data-test=part-1] >> text=大写字母');
    await page.click('[data-test=add-part-chars]');
    await page.locator('[data-test=part-2] [data-test=part-min] input').fill('6');
    await page.locator('[data-test=part-2] [data-test=part-min] input').press('Tab');
    await page.locator('[data-test=part-2] [data-test=part-max] input').fill('10');
    await page.locator('[data-test=part-2] [data-test=part-max] input').press('Tab');
    await page.waitForSelector('[data-test=pattern-builder] >> text=「苏」，然后 1 个大写字母，然后 6–10 个数字');
    await studio.shotWidths('72-pattern-builder');
    await page.click('[data-test=use-pattern]');
    await page.click('[data-test=save-element]');
    await page.waitForSelector('[data-test=element-dialog]', { state: 'hidden' });
    await page.waitForSelector('[data-test=element-table] >> text=person.permitNo');
    const dictionary = (await readDocument<Dictionary>(product, 'dictionary', 'dictionary')).body;
    expect(dictionary.elements.find((e) => e.id === 'person.permitNo')).toEqual({
      id: 'person.permitNo',
      label: '居住证号码',
      type: 'string',
      pattern: '^苏[A-Z][0-9]{6,10}$',
    });
  });

  it('refuses a length range that admits nothing where it is typed, and saves nothing', async () => {
    const before = (await readDocument<Dictionary>(product, 'dictionary', 'dictionary')).rev;
    await page.click('nav >> text=数据字典');
    await page.click('#tab-elements');
    await page.fill('[data-test=element-search]', '');
    await page.fill('[data-test=element-search]', 'xm');
    await page.click('[data-test=element-table] >> text=person.name');
    await page.waitForSelector('[data-test=element-dialog]');
    await page.locator('[data-test=element-max-length] input').fill('50');
    await page.locator('[data-test=element-max-length] input').press('Tab');
    await page.locator('[data-test=element-min-length] input').fill('60');
    await page.locator('[data-test=element-min-length] input').press('Tab');
    await page.click('[data-test=save-element]');
    await page.waitForSelector('[data-test=element-dialog] >> text=「最短长度」60 大于「最长长度」50');
    await studio.shotWidths('72-element-empty-range');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-test=element-dialog]', { state: 'hidden' });
    expect((await readDocument<Dictionary>(product, 'dictionary', 'dictionary')).rev).toBe(before);
  });

  it('takes a material that allows 告知承诺 only with the fact it proves and its 设定依据, and the API reads them back', async () => {
    await page.click('nav >> text=数据字典');
    await page.click('#tab-materials');
    await page.click('[data-test=new-material]');
    await page.waitForSelector('[data-test=material-dialog]');
    await typeInto('[data-test=material-id]', 'marriageCert');
    await typeInto('[data-test=material-name]', '结婚证');
    await page.click('[data-test=material-commitment]');
    await page.click('[data-test=save-material]');
    await page.waitForSelector('[data-test=material-dialog] >> text=请写明它证明的事实和设定依据');
    await typeInto('[data-test=material-certifies]', '申请人与配偶的婚姻关系');
    await typeInto('[data-test=material-required-by]', '《中华人民共和国民法典》第一千零四十九条');
    await studio.shotWidths('71-material-commitment');
    await page.click('[data-test=save-material]');
    await page.waitForSelector('[data-test=material-dialog]', { state: 'hidden' });
    const saved = (await readDocument<MaterialsDictionary>(product, 'materials', 'materials')).body.materials.find(
      (m) => m.id === 'marriageCert',
    );
    expect(saved).toEqual({
      id: 'marriageCert',
      name: '结婚证',
      kind: 'certificate',
      commitment: true,
      certifies: '申请人与配偶的婚姻关系',
      requiredBy: '《中华人民共和国民法典》第一千零四十九条',
    });
  });

  it('says why a matter cites no 设立依据, and the API reads it back', async () => {
    await page.click('nav >> text=事项库');
    await page.fill('[data-test=matter-search]', 'JSRS-CY-0301');
    await page.click('[data-test=matter-table] >> text=创业场地租金补贴申领');
    await page.click('[data-test=edit-matter]');
    await page.waitForSelector('[data-test=matter-designer]');
    await page.click('#tab-basis');
    const note = '江苏省创业扶持政策：文号待省人社厅创业指导处核对';
    await typeInto('[data-test=matter-basis-note]', note);
    // an explanation changes no bundle's business: it is saved without an impact to confirm
    await page.click('[data-test=save-matter]');
    await page.waitForSelector('[data-test=matter-designer]', { state: 'hidden' });
    const saved = (await readDocument<Matter>(product, 'matter', 'JSRS-CY-0301')).body;
    expect(saved.basis).toBeUndefined();
    expect(saved.basisNote).toBe(note);
    // the library says it where the basis stands, after a reload too
    await page.reload();
    await page.fill('[data-test=matter-search]', 'JSRS-CY-0301');
    await page.click('[data-test=matter-table] >> text=创业场地租金补贴申领');
    await page.waitForSelector(`[data-test=matter-basis] >> text=${note}`);
    await page.keyboard.press('Escape');
    await page.click('nav >> text=数据字典');
  });

  it('publishes the 2027 calendar as announced, and the runtime plans with it at once', async () => {
    await page.click('#tab-calendar');
    await page.click('[data-test=calendar-year] >> text=2027 年');
    const holidays =
      '2027-01-01\n2027-02-06 至 2027-02-12\n2027-04-05\n2027-05-01 至 2027-05-05\n2027-06-09\n2027-09-15 至 2027-09-17\n2027-10-01 至 2027-10-07';
    await typeInto('[data-test=calendar-holidays]', holidays);
    await typeInto('[data-test=calendar-workdays]', '2027-02-14\n2027-02-20\n2027-09-26\n2027-10-09');
    await page.click('[data-test=calendar-provisional]');
    await page.click('[data-test=save-calendar]');
    const dialog = page.locator('[data-test=impact-dialog]');
    if (await dialog.isVisible({ timeout: 3000 }).catch(() => false)) await page.click('[data-test=confirm-impact]');
    await page.waitForSelector('text=已保存');
    const saved = (await readDocument<WorkCalendar>(product, 'calendar', 'calendar')).body;
    expect(saved.provisional ?? []).not.toContain(2027);
    expect(saved.holidays).toContain('2027-02-12');
    expect(saved.workdays).toContain('2027-10-09');
    await page.click('[data-test=publish-calendar]');
    await page.click('.el-message-box__btns >> text=发布');
    await page.waitForSelector('[data-test=calendar-release-state] >> text=/^已发布第 2 次$/');
    // the keepers' warning that 2027 is provisional goes away
    await page.waitForSelector('[data-test=calendar-panel] >> text=2027 年的节假日安排为暂定', { state: 'detached' });
    await studio.shotWidths('64-calendar');
    const published = (await (await fetch(`${product.url}/api/calendar`)).json()) as PublishedCalendarView;
    expect(published.calendar.holidays).toContain('2027-02-12');
    expect(published.calendar.provisional ?? []).not.toContain(2027);
  });

  it('adds a dated step to a 政策参数 after seeing the cases it would change, and publishes it to switch on its date', async () => {
    await page.click('nav >> text=数据字典');
    await page.click('#tab-parameters');
    await typeInto('[data-test=parameter-search]', '失业保险金的最低');
    await page.click('[data-test=parameter-table] >> text=领取失业保险金的最低累计缴费时间');
    await page.waitForSelector('[data-test=parameter-dialog]');
    await page.click('[data-test=parameter-add-value]');
    const typeDate = async (row: number, date: string) => {
      const input = page.getByLabel(`第 ${row + 1} 行施行日期`);
      await input.fill(date);
      await input.press('Enter');
    };
    // two values from one day: said at the row, and nothing is saved
    await typeDate(1, '1999-01-22');
    await typeInto('[data-test=parameter-value-1]', '13');
    await typeInto('[data-test=parameter-source-1]', '《江苏省失业保险规定》第十条');
    await page.waitForSelector('[data-test=parameter-row-problem] >> text=同一天只能有一个取值');
    await page.click('[data-test=save-parameter]', { force: true });
    await page.waitForSelector('[data-test=parameter-dialog]');
    // from a day already past, the shipped cases received in 2026 would be refused: the impact says so before saving
    await typeDate(1, '2026-01-01');
    await page.waitForSelector('[data-test=parameter-row-problem]', { state: 'detached' });
    await page.click('[data-test=save-parameter]');
    await page.waitForSelector('[data-test=impact-dialog] [data-test=impact-case] >> text=由受理变为不予受理');
    await page.click('[data-test=impact-dialog] >> text=取消');
    expect((await readDocument<PolicyParameters>(product, 'parameters', 'parameters')).rev).toBe(1);
    // from 2031 it reaches no recorded case: saved at once
    await page.click('[data-test=parameter-table] >> text=领取失业保险金的最低累计缴费时间');
    await page.click('[data-test=parameter-add-value]');
    await typeDate(1, '2031-01-01');
    await typeInto('[data-test=parameter-value-1]', '13');
    await typeInto('[data-test=parameter-source-1]', '《江苏省失业保险规定》第十条');
    await page.click('[data-test=save-parameter]');
    await page.waitForSelector('text=已保存');
    const saved = (await readDocument<PolicyParameters>(product, 'parameters', 'parameters')).body;
    expect(saved.parameters.find((p) => p.name === 'unemployment.minContributionMonths')!.values).toEqual([
      { from: '1999-01-22', value: 12, source: '《失业保险条例》（国务院令第258号）第十四条第（一）项' },
      { from: '2031-01-01', value: 13, source: '《江苏省失业保险规定》第十条' },
    ]);
    // the table shows the step to come, after a reload too
    await page.reload();
    await page.click('#tab-parameters');
    await page.waitForSelector('[data-test=parameter-table] >> text=2031-01-01 起 13 月');
    await studio.shotWidths('65-parameters');
    await page.click('[data-test=publish-parameters]');
    await page.click('.el-message-box__btns >> text=发布');
    await page.waitForSelector('[data-test=parameters-release-state] >> text=/^已发布第 2 次$/');
    const published = (await (await fetch(`${product.url}/api/parameters`)).json()) as PublishedParametersView;
    expect(published.release).toBe(2);
    expect(published.parameters.parameters.find((p) => p.name === 'unemployment.minContributionMonths')!.values).toHaveLength(2);
    // today 12 months still qualify: the step switches on by itself on its date
    const base = `${product.url}/api/regions/320000/bundles/unemployment`;
    const example = (await (await fetch(`${base}/example?matters=JSRS-JY-0101,JSRS-SY-0101`)).json()) as Record<
      string,
      Record<string, unknown>
    >;
    example.employment!.contributionMonths = 12;
    const judged = await fetch(`${base}/applications/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(example),
    });
    expect(judged.status).toBe(200);
  });
});

describe('the catalog in Excel, and what applicants print', () => {
  it('exports the catalog, takes a changed cell back after a dry run, and refuses a bad one by sheet, row and column', async () => {
    await page.click('nav >> text=事项库');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=export-xlsx]')]);
    expect(download.suggestedFilename()).toBe('事项目录.xlsx');
    const exported = readFileSync((await download.path())!);
    const before = (await readDocument<Matter>(product, 'matter', 'JSRS-SY-0101')).body;

    // a file that is not a workbook: the server's reason is shown, not only the file's name and a disabled button
    const notExcel = join(tmpdir(), '事项目录.xlsx');
    writeFileSync(notExcel, '这不是 Excel 工作簿');
    await page.click('[data-test=import-xlsx]');
    await page.setInputFiles('[data-test=import-file]', notExcel);
    await page.waitForSelector('[data-test=import-refused] >> text=上传的文件不是有效的 Excel 工作簿（.xlsx）');
    expect(await page.locator('[data-test=confirm-import]').isDisabled()).toBe(true);

    // a bad cell: nothing can be imported, and the official is told where
    const bad = join(tmpdir(), 'catalog-bad.xlsx');
    writeFileSync(bad, await changeCell(exported, '事项', 'JSRS-SY-0101', '到现场次数', '两次'));
    await page.setInputFiles('[data-test=import-file]', bad);
    await page.waitForSelector('[data-test=import-problems] >> text=到现场次数应为 0 到 10 的整数');
    expect(await page.locator('[data-test=confirm-import]').isDisabled()).toBe(true);

    const good = join(tmpdir(), 'catalog-good.xlsx');
    writeFileSync(good, await changeCell(exported, '事项', 'JSRS-SY-0101', '办理时间', '工作日 9:00—17:00'));
    await page.setInputFiles('[data-test=import-file]', good);
    await page.waitForSelector('[data-test=import-changes] >> text=办理时间 法定工作日，具体以办理地点公布的时间为准 → 工作日 9:00—17:00');
    await page.waitForSelector('[data-test=import-impact] >> text=失业一件事');
    await studio.shotWidths('65-import-dry-run');
    expect((await readDocument<Matter>(product, 'matter', 'JSRS-SY-0101')).body).toEqual(before);
    await page.click('[data-test=confirm-import]');
    await page.waitForSelector('[data-test=import-dialog]', { state: 'hidden' });
    expect((await readDocument<Matter>(product, 'matter', 'JSRS-SY-0101')).body).toEqual({
      ...before,
      service: { hours: '工作日 9:00—17:00' },
    });
  });

  it('prints a guide with where, when and how, and the 告知承诺书 it links to', async () => {
    await page.goto(`${product.url}/api/regions/320000/bundles/unemployment/guide`);
    await page.waitForSelector('h1 >> text=失业一件事办事指南');
    const guide = (await page.textContent('body'))!;
    for (const part of ['办理地点、时间与咨询', '收费：不收费', '咨询电话：12333', '投诉电话：12345', '申请材料（一套材料）', '办理流程'])
      expect(guide).toContain(part);
    await page.emulateMedia({ media: 'print' });
    await studio.shotWidths('66-guide-print');
    await page.emulateMedia({ media: 'screen' });
    await page.click('a >> text=打印告知承诺书');
    await page.waitForSelector('h1 >> text=告知承诺书');
    const letter = (await page.textContent('body'))!;
    for (const part of ['承诺事项', '承诺内容', '核查方式', '不实承诺的后果', '承诺人（签字）']) expect(letter).toContain(part);
    await studio.shotWidths('67-commitment');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  });
});

describe('the browser', () => {
  it('left no console errors (but the refused workbook’s 422, which Chromium logs as a failed load)', () => {
    expect(studio.problems.filter((p) => !p.includes('status of 422'))).toEqual([]);
  });
});
