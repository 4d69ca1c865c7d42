/**
 * 职工名单 in the browser: an official sets how many employees 退工停保 takes at once on the
 * 一张表单 tab (typed, saved, reloaded, read back through the API), then fills in the preview
 * as an employer would — its own sections once, two employees each in a card of their own —
 * sees the second employee's bank account asked for only when paid to another account, the
 * errors and the 受理条件 named by employee, corrects them, and saves the application as a 用例.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withIdCheck, type Bundle, type CaseList, type CompiledBundle } from '../../schemas/index.ts';
import {
  ADMIN_PASSWORD,
  apiLogin,
  openBundleEditor,
  type Product,
  readDocument,
  saved,
  savePreviewCase,
  type Studio,
  typeFields,
} from './harness.ts';

let studio: Studio;
let product: Product;
let page: Page;
const BUNDLE = 'separation';
const WOMAN_1998 = withIdCheck('32010419980312452');

async function admin() {
  return apiLogin(product.url, 'admin', ADMIN_PASSWORD);
}

beforeAll(async () => {
  studio = await openBundleEditor(BUNDLE);
  ({ product, page } = studio);
});

afterAll(() => studio?.close());

describe('an employer’s bundle takes a list of employees', () => {
  it('sets how many employees one application may list, and it is saved', async () => {
    await page.click('#tab-form');
    await page.waitForSelector('[data-test=roster-settings] .el-checkbox.is-checked');
    const max = page.locator('[data-test=roster-max] input');
    expect(await max.inputValue()).toBe('50');
    await max.fill('30');
    await max.press('Tab');
    await saved(page);
    await studio.shotWidths('73-roster-settings');
    await page.reload();
    await page.waitForSelector('[data-test=canvas] .vue-flow__node');
    await page.click('#tab-form');
    expect(await page.locator('[data-test=roster-max] input').inputValue()).toBe('30');
    const doc = await readDocument<Bundle>(product, 'bundle', BUNDLE);
    expect(doc.body.roster).toEqual({ sections: ['person', 'contact', 'employment', 'injury', 'bank'], maxItems: 30 });
  });

  it('fills in two employees, each checked and named on its own, and saves the application as a case', async () => {
    const compiled = (await (await fetch(`${product.url}/api/regions/320000/bundles/${BUNDLE}`)).json()) as CompiledBundle;
    const example = (await (await fetch(`${product.url}/api/regions/320000/bundles/${BUNDLE}/example`)).json()) as Record<
      string,
      unknown
    > & { employees: Record<string, Record<string, unknown>>[] };
    const perEmployee = new Set(compiled.sections.filter((s) => s.roster).map((s) => s.key));
    const own = compiled.fields.filter((f) => perEmployee.has(f.section));
    await page.click('[data-test=open-preview]');
    await page.waitForSelector('[data-test=preview-employees]');
    // both matters: 退工停保 and the injured employee's 一次性工伤医疗补助金
    for (const code of ['JSRS-SB-0103', 'JSRS-GS-0106']) {
      await page.click(`[data-test=preview-matter-${code}]`);
      await page.waitForSelector(`[data-test=preview-matter-${code}].is-checked`);
    }
    // the employer's sections once, at the top; the first employee in the first card
    await typeFields(
      page,
      page,
      compiled.fields.filter((f) => !perEmployee.has(f.section)),
      example as Record<string, Record<string, unknown>>,
    );
    const first = page.locator('[data-test=preview-employee-0]');
    await typeFields(page, first, own, example.employees[0]!);
    // a second employee: still employed (leaves next year) and paid to another account
    await page.click('[data-test=preview-add-employee]');
    const second = page.locator('[data-test=preview-employee-1]');
    await second.waitFor();
    await typeFields(page, second, own, {
      ...example.employees[0]!,
      person: { name: '李梅', idNumber: WOMAN_1998 },
      employment: { endDate: '2027-03-31', separationReason: 'employerMutual' },
      bank: { payTo: 'other' },
    });
    expect(await second.locator('[data-test="field-bank.accountNumber"]').count()).toBe(1);
    expect(await first.locator('[data-test="field-bank.accountNumber"]').count()).toBe(0);
    expect(await second.textContent()).toContain('第 2 名职工 · 李梅');
    await page.click('[data-test=preview-validate]');
    await page.waitForSelector('[data-test=preview-verdict] >> text=需要修改');
    await second.locator('[data-test="field-bank.accountNumber"] .el-form-item__error').waitFor();
    const secondText = (await second.textContent())!;
    // inside the second employee's card the messages need not say whose they are
    expect(secondText).toContain('「银行账号」为必填项');
    expect(secondText).toContain('解除（终止）劳动关系日期晚于申请日期');
    expect((await first.textContent())!).not.toContain('为必填项');
    expect(await page.textContent('[data-test=preview-rules]')).toContain('第 2 名职工：解除（终止）劳动关系日期晚于申请日期');
    await studio.shotWidths('74-roster-preview-errors');
    // corrected as the employer would: the account typed in, the date the employee really left
    await typeFields(page, second, own, {
      bank: { name: '中国银行南京分行', accountName: '李梅', accountNumber: '6217856100012345678' },
      employment: { endDate: '2026-10-31' },
    });
    await page.waitForSelector('[data-test=preview-verdict] >> text=校验通过');
    await studio.shotWidths('75-roster-preview');
    await savePreviewCase(page, '单位为两名职工一并退工停保');
    const list = (await (await admin()).call('GET', `/api/studio/bundles/${BUNDLE}/cases`)).body as unknown as CaseList;
    const mine = list.cases.find((c) => c.label === '单位为两名职工一并退工停保')!;
    expect(mine.actual).toMatchObject({ accepted: true, matters: ['JSRS-SB-0103', 'JSRS-GS-0106'] });
    expect(mine.changes).toEqual([]);
    const doc = await readDocument<Bundle>(product, 'bundle', BUNDLE);
    const application = doc.body.cases!.find((c) => c.label === '单位为两名职工一并退工停保')!.application as unknown as {
      employees: { person: { name: string }; bank: Record<string, string> }[];
    };
    expect(application.employees.map((e) => e.person.name)).toEqual(['张三', '李梅']);
    expect(application.employees[1]!.bank).toEqual({
      payTo: 'other',
      name: '中国银行南京分行',
      accountName: '李梅',
      accountNumber: '6217856100012345678',
    });
  });

  it('removes an employee again', async () => {
    await page.click('[data-test=open-preview]');
    await page.waitForSelector('[data-test=preview-employee-1]');
    await page.click('[data-test=preview-remove-employee-1]');
    await page.waitForSelector('[data-test=preview-employee-1]', { state: 'detached' });
    expect(await page.locator('[data-test=preview-remove-employee-0]').count()).toBe(0);
    await page.keyboard.press('Escape');
    expect(studio.problems).toEqual([]);
  });

  it('tells the employer in the printed guide how the list is filled in', async () => {
    await page.goto(`${product.url}/api/regions/320000/bundles/hiring/guide`);
    const text = (await page.textContent('body'))!;
    expect(text).toContain('一次申请可为多名职工一并办理（每次最多 50 名）');
    expect(text).toContain('（每名职工分别判断）');
    await studio.shotWidths('76-roster-guide');
  });
});
