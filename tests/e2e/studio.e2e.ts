import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarWarnings, prepareCalendar, type PublishedCalendarView } from '../../schemas/index.ts';
import { conflicting } from './fixtures.ts';
import { ADMIN_PASSWORD, apiLogin, clickEmptyCanvas, openStudio, type Product, recordChangedCases, type Studio } from './harness.ts';

let studio: Studio;
let product: Product;
let page: Page;
const shot = (name: string) => studio.shot(name);

beforeAll(async () => {
  studio = await openStudio();
  ({ product, page } = studio);
  const admin = await apiLogin(product.url, 'admin', ADMIN_PASSWORD);
  for (const m of conflicting) expect((await admin.call('POST', '/api/studio/documents/matter', m)).status).toBe(201);
  expect(
    (
      await admin.call('POST', '/api/studio/users', {
        username: 'suzhou',
        password: 'Gusu-garden-2026',
        role: 'city-editor',
        region: '320500',
      })
    ).status,
  ).toBe(201);
});

afterAll(() => studio?.close());

async function dragMatter(code: string, x: number, y: number) {
  await page.fill('[data-test=palette-search]', code);
  await page.dragAndDrop(`[data-test=palette-${code}]`, '[data-test=canvas]', { targetPosition: { x, y } });
  await page.waitForSelector(`[data-test=node-${code}]`);
}

describe('studio, as a new user would use it', () => {
  it('logs in', async () => {
    await page.goto(product.url);
    await page.waitForSelector('input[name=username]');
    await shot('01-login');
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', 'wrong-password');
    await page.click('[data-test=login]');
    await page.waitForSelector('text=用户名或密码错误');
    await page.fill('input[name=password]', ADMIN_PASSWORD);
    await page.click('[data-test=login]');
    await page.waitForSelector('[data-test=bundle-table] .el-table__row');
    expect(await page.textContent('[data-test=who]')).toContain('admin · 省级管理员 · 江苏省');
    expect(await page.locator('[data-test=bundle-table] .el-table__body-wrapper .el-table__row').count()).toBe(14);
    // the calendar's keepers hear when next year is missing or provisional (what they hear depends on today)
    const published = (await (await fetch(`${product.url}/api/calendar`)).json()) as PublishedCalendarView;
    const expected = calendarWarnings(prepareCalendar(published.calendar), new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
    if (expected.length) await page.waitForSelector('[data-test=calendar-warning]');
    expect(await page.locator('[data-test=calendar-warning]').allTextContents()).toEqual(expected);
    await page.waitForTimeout(400);
    await shot('02-bundle-list');
  });

  it('finds matters in the library by pinyin initials', async () => {
    await page.click('text=事项库');
    await page.fill('[data-test=matter-search]', 'sybx');
    await page.waitForSelector('[data-test=matter-table] >> text=失业保险金申领');
    await shot('03-matter-library');
    await page.click('[data-test=matter-table] >> text=失业保险金申领');
    await page.waitForSelector('text=所在一件事');
    await page.waitForTimeout(400);
    await shot('04-matter-detail');
    await page.keyboard.press('Escape');
  });

  it('builds a new bundle from four matters by drag and drop', async () => {
    await page.click('nav >> text=一件事');
    await page.click('[data-test=new-bundle]');
    await page.fill('[data-test=new-id]', 'youth-employment');
    await page.fill('[data-test=new-name]', '青年就业一件事');
    await page.fill('[data-test=new-lead]', '省就业服务中心');
    await page.click('[data-test=create-bundle]');
    await page.waitForSelector('[data-test=canvas]');
    await dragMatter('JSRS-JY-0301', 150, 120);
    await dragMatter('JSRS-JY-0901', 450, 120);
    await dragMatter('JSRS-JY-0902', 750, 120);
    await dragMatter('JSRS-SK-0101', 450, 300);
    expect(await page.locator('.vue-flow__node').count()).toBe(4);
    // the keyboard works too: focus a matter in the palette and press Enter, then undo it
    await page.fill('[data-test=palette-search]', 'JSRS-JY-0302');
    await page.focus('[data-test=palette-JSRS-JY-0302]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-test=node-JSRS-JY-0302]');
    await page.click('[data-test=undo]');
    await page.waitForSelector('[data-test=node-JSRS-JY-0302]', { state: 'detached' });
  });

  it('marks one matter required and arranges the scenario serial', async () => {
    await page.click('[data-test=node-JSRS-JY-0301]');
    await page.click('[data-test=selection] >> text=必选');
    await page.waitForSelector('[data-test=node-JSRS-JY-0301].required');
    await page.click('[data-test=arrange-serial]');
    await page.waitForFunction(() => document.querySelectorAll('.vue-flow__edge').length === 3);
    await clickEmptyCanvas(page);
  });

  it('undoes and redoes with the keyboard', async () => {
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelectorAll('.vue-flow__edge').length === 0);
    await page.keyboard.press('Control+Shift+z');
    await page.waitForFunction(() => document.querySelectorAll('.vue-flow__edge').length === 3);
  });

  it('resolves a field conflict in the one form', async () => {
    await page.click('text=诊断');
    await page.waitForSelector('[data-test=diagnostics-table] >> text=文化程度');
    // where, in words; a click goes to the form's row
    const diagnostics = (await page.textContent('[data-test=diagnostics-table]'))!;
    expect(diagnostics).toContain('一张表单 · 字段「文化程度」');
    expect(diagnostics).not.toMatch(/\/(scenarios|fieldOverrides|items)/);
    expect(diagnostics).not.toContain('field.conflict');
    await page.click('[data-test=diagnostics-table] >> text=一张表单 · 字段「文化程度」');
    await page.waitForSelector('.focused-row.conflict-row >> text=文化程度');
    await shot('05-editor-conflict');
    await page.click('[data-test="resolve-person.education"]');
    await page.click('.el-select-dropdown__item >> text=青年就业见习补贴申领');
    await page.waitForFunction(() => document.querySelectorAll('.conflict-row').length === 0);
    await page.waitForSelector('[data-test=save-state] >> text=已保存', { timeout: 15_000 });
    await page.click('#tab-reductions');
    await page.waitForTimeout(300);
    await shot('06-editor');
  });

  it('previews the applicant form and flags a missing required field', async () => {
    await page.click('[data-test=open-preview]');
    await page.waitForSelector('[data-test=preview-matters]');
    await page.click('[data-test=preview-matters] >> text=青年就业见习补贴申领');
    await page.waitForSelector('[data-test="field-bank.accountNumber"]');
    await page.fill('[data-test="field-person.name"] input', '李小明');
    await page.click('[data-test=preview-validate]');
    await page.waitForSelector('[data-test="field-person.idNumber"] .el-form-item__error');
    expect(await page.textContent('[data-test="field-person.idNumber"] .el-form-item__error')).toContain('「公民身份号码」为必填项');
    expect(await page.locator('[data-test="field-person.name"] .el-form-item__error').count()).toBe(0);
    expect(await page.textContent('[data-test=preview-verdict]')).toMatch(/有 \d+ 处需要修改/);
    await shot('07-preview');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-test=preview]', { state: 'hidden' });
  });

  it('publishes, and the runtime then accepts a valid application and refuses an invalid one', async () => {
    await page.click('[data-test=publish]');
    await page.waitForSelector('[data-test=publish-dialog] >> text=首个版本');
    await page.click('[data-test=confirm-publish]');
    await page.waitForSelector('[data-test=version-state] >> text=第 1 版 · 已发布');
    const base = `${product.url}/api/regions/320000/bundles/youth-employment`;
    const schema = (await (await fetch(`${base}/schema`)).json()) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['scenario', 'matters', 'person', 'contact', 'bank']));
    const example = (await (await fetch(`${base}/example`)).json()) as { person: Record<string, unknown> };
    const ok = await fetch(`${base}/applications/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(example),
    });
    expect(ok.status).toBe(200);
    delete example.person.idNumber;
    const bad = await fetch(`${base}/applications/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(example),
    });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain('/person/idNumber');
    await page.click('[data-test=versions]');
    await page.waitForSelector('[data-test=versions-table] .el-table__row');
    await shot('08-versions');
    await page.keyboard.press('Escape');
  });

  it('lets a city editor create a variant, and not edit another city’s', async () => {
    await page.click('text=退出');
    await page.waitForSelector('input[name=username]');
    await page.fill('input[name=username]', 'suzhou');
    await page.fill('input[name=password]', 'Gusu-garden-2026');
    await page.click('[data-test=login]');
    await page.waitForSelector('[data-test=variant-retirement]');
    // the city lists exactly what is in effect there, as the public sees it
    const inEffect = (await (await fetch(`${product.url}/api/regions/320500/bundles`)).json()) as unknown[];
    expect(await page.locator('[data-test=bundle-table] .el-table__body-wrapper .el-table__row').count()).toBe(inEffect.length);
    await shot('09-city-bundle-list');
    await page.click('[data-test=variant-retirement]');
    await page.waitForSelector('[data-test=editor-title] >> text=苏州市地方版本');
    await page.waitForSelector('[data-test=variant-release-state] >> text=尚未发布');
    await page.click('[data-test=node-JSRS-YL-0102]');
    await page.click('[data-test=selection] >> text=必选');
    await page.waitForSelector('[data-test=node-JSRS-YL-0102].changed-changed');
    await page.waitForSelector('[data-test=save-state] >> text=已保存', { timeout: 15_000 });
    // saved is a draft: the public still serves the province's version until the city publishes
    const publicItem = async () => {
      const served = (await (await fetch(`${product.url}/api/regions/320500/bundles/retirement`)).json()) as {
        scenarios: { items: { matter: { code: string }; selection: string }[] }[];
      };
      return served.scenarios.flatMap((s) => s.items).find((i) => i.matter.code === 'JSRS-YL-0102')?.selection;
    };
    expect(await publicItem()).toBe('optional');
    await shot('10-city-variant');
    // 待遇审核 required here changes what the province's 用例 get in 苏州: the city records its own outcome
    await recordChangedCases(page);
    await page.click('[data-test=publish-variant]');
    await page.click('.el-message-box__btns >> text=发布');
    await page.waitForSelector('[data-test=variant-release-state] >> text=已发布第 1 次');
    expect(await publicItem()).toBe('required');
    expect(await page.isDisabled('[data-test=publish-variant]')).toBe(true);
    const admin = await apiLogin(product.url, 'admin', ADMIN_PASSWORD);
    const audit = await admin.call('GET', '/api/studio/audit');
    expect(JSON.stringify(audit.body)).toContain('retirement-320500');
    const saved = await admin.call('GET', '/api/studio/documents/variant/retirement-320500');
    expect(saved.body.body).toMatchObject({
      bundle: 'retirement',
      region: '320500',
      operations: [{ op: 'setSelection', matter: 'JSRS-YL-0102', selection: 'required' }],
    });
    const province = await admin.call('GET', '/api/studio/documents/bundle/retirement');
    expect(province.body.rev).toBe(1);

    await page.goto(`${product.url}/variants/nanjing-retirement/edit`);
    await page.waitForSelector('text=不能查看其他地区的文档');
    const suzhou = await apiLogin(product.url, 'suzhou', 'Gusu-garden-2026');
    const nanjing = await admin.call('GET', '/api/studio/documents/variant/nanjing-retirement');
    const attempt = await suzhou.call('PUT', '/api/studio/documents/variant/nanjing-retirement', nanjing.body.body, {
      'if-match': nanjing.etag!,
    });
    expect(attempt.status).toBe(403);
  });

  it('left no console errors', () => {
    // the wrong-password attempt is a 401 the browser logs by itself
    expect(studio.problems.filter((p) => !p.includes('401') && !p.includes('403'))).toEqual([]);
  });
});
