import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiLogin, clickEmptyCanvas, openStudio, type Product, type Studio } from './harness.ts';

/**
 * The editor keeps what officials type: every inspector input reaches the server, an edit
 * made just before a reload is not lost, scenarios can be added, renamed and removed, and a
 * city cannot delete what the province requires.
 */
let studio: Studio;
let product: Product;
let page: Page;
type Admin = Awaited<ReturnType<typeof apiLogin>>;
let admin: Admin;

interface BundleBody {
  name: string;
  lead: string;
  scenarios: { id: string; label: string; promisedDays?: number; guide?: { question: string; answer: string }; items: unknown[] }[];
}
const bundle = async (id: string) => (await admin.call('GET', `/api/studio/documents/bundle/${id}`)).body.body as unknown as BundleBody;
/** Waits until the server has what the check wants (a keepalive save may land a moment after the page is gone). */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 8000): Promise<T> {
  const until = Date.now() + ms;
  let value = await read();
  while (!ok(value) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 150));
    value = await read();
  }
  return value;
}
const saved = () => page.waitForSelector('[data-test=save-state] >> text=已保存', { timeout: 15_000 });
const input = (test: string) => page.locator(`:is(input, textarea)[data-test=${test}]`);

beforeAll(async () => {
  studio = await openStudio();
  ({ product, page } = studio);
  admin = await apiLogin(product.url, 'admin', ADMIN_PASSWORD);
  const city = { username: 'suzhou', password: 'Gusu-garden-2026', role: 'city-editor', region: '320500' };
  expect((await admin.call('POST', '/api/studio/users', city)).status).toBe(201);
});

afterAll(() => studio?.close());

describe('the editor keeps what officials type', () => {
  it('types into every inspector input, and the server has each value', async () => {
    await studio.login('admin', ADMIN_PASSWORD);
    await page.goto(`${product.url}/bundles/graduation/edit`);
    await page.waitForSelector('[data-test=canvas]');
    const typed = {
      'bundle-name': '高校毕业生就业一件事',
      'bundle-lead': '省就业服务中心（高校毕业生处）',
      'scenario-label': '应届高校毕业生',
      'guide-question': '您是否为本年度毕业、尚未就业的高校毕业生？',
      'guide-answer': '是，本年度毕业尚未就业',
    };
    for (const [test, value] of Object.entries(typed)) {
      await input(test).fill(value);
      expect(await page.textContent('[data-test=save-state]')).toBe('未保存');
      await input(test).press('Tab');
    }
    await page.fill('[data-test=promised-days] input', '4');
    await page.press('[data-test=promised-days] input', 'Tab');
    await saved();
    const body = await bundle('graduation');
    expect(body.name).toBe(typed['bundle-name']);
    expect(body.lead).toBe(typed['bundle-lead']);
    expect(body.scenarios[0]).toMatchObject({
      label: typed['scenario-label'],
      promisedDays: 4,
      guide: { question: typed['guide-question'], answer: typed['guide-answer'] },
    });
    await page.reload();
    await page.waitForSelector('[data-test=canvas]');
    for (const [test, value] of Object.entries(typed)) expect(await input(test).inputValue()).toBe(value);
    expect(await page.textContent('[data-test=editor-title]')).toContain(typed['bundle-name']);
    // the preview asks the applicant the guide question; the printable guide of the version in effect is one click away
    await page.click('[data-test=open-preview]');
    expect(await page.textContent('[data-test=preview-guide]')).toContain(
      `${typed['guide-question']}回答「${typed['guide-answer']}」的，选择「${typed['scenario-label']}」`,
    );
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-test=preview]', { state: 'hidden' });
    const guide = await page.getAttribute('a[data-test=guide-link]', 'href');
    expect(guide).toBe('/api/regions/320000/bundles/graduation/guide');
    const printable = await fetch(`${product.url}${guide}`);
    expect(printable.status).toBe(200);
    expect(await printable.text()).toContain('办事指南');
    // emptying a name is refused and the name stays
    await input('bundle-name').fill('');
    await input('bundle-name').press('Enter');
    await page.waitForSelector('.el-message >> text=一件事的名称不能为空');
    expect(await input('bundle-name').inputValue()).toBe(typed['bundle-name']);
    await studio.shotWidths('16-inspector');
  });

  it('adds, renames and removes a scenario, and the server has each step', async () => {
    await page.click('[data-test=add-scenario]');
    await page.fill('[data-test=new-scenario-label]', '灵活就业人员');
    await page.click('[data-test=create-scenario]');
    await page.waitForSelector('[data-test=scenario-tabs] .el-tabs__item.is-active >> text=灵活就业人员');
    expect(await input('scenario-label').inputValue()).toBe('灵活就业人员');
    await input('scenario-label').fill('离校未就业的高校毕业生');
    await input('scenario-label').press('Enter');
    await saved();
    let body = await bundle('graduation');
    expect(body.scenarios.map((s) => s.label)).toEqual(['应届高校毕业生', '离校未就业的高校毕业生']);
    const added = body.scenarios[1]!;
    expect(added.id).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(added.items).toEqual([]);
    await page.waitForTimeout(300);
    await studio.shot('17-scenario-added');
    await page.hover(`#tab-${added.id}`);
    await page.click(`#tab-${added.id} .is-icon-close`);
    await page.click('.el-message-box__btns >> text=删除');
    await page.waitForSelector(`#tab-${added.id}`, { state: 'detached' });
    await saved();
    body = await bundle('graduation');
    expect(body.scenarios.map((s) => s.label)).toEqual(['应届高校毕业生']);
    // the last scenario cannot be removed: no close button
    expect(await page.locator('[data-test=scenario-tabs] .is-icon-close').count()).toBe(0);
  });

  it('keeps an edit made just before a reload, and asks before leaving with it unsaved', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.type());
      void d.accept();
    });
    // a click on the canvas: the autosave has not run when the page goes away
    await page.click('[data-test=node-JSRS-JY-0301]');
    await page.click('[data-test=selection] >> text=必选');
    expect(await page.textContent('[data-test=save-state]')).toBe('未保存');
    await page.reload();
    const afterClick = await eventually(
      () => bundle('graduation'),
      (b) => b.scenarios[0]!.items.some((i) => (i as { selection: string }).selection === 'required'),
    );
    expect(afterClick.scenarios[0]!.items[0]).toMatchObject({ matter: 'JSRS-JY-0301', selection: 'required' });
    // typing, never leaving the field
    await page.waitForSelector('[data-test=canvas]');
    await clickEmptyCanvas(page);
    await input('bundle-lead').fill('省人力资源社会保障厅');
    await page.reload();
    const afterTyping = await eventually(
      () => bundle('graduation'),
      (b) => b.lead === '省人力资源社会保障厅',
    );
    expect(afterTyping.lead).toBe('省人力资源社会保障厅');
    expect(dialogs).toEqual(['beforeunload', 'beforeunload']);
    page.removeAllListeners('dialog');
    await page.reload();
    await page.waitForSelector('[data-test=canvas]');
    expect(await input('bundle-lead').inputValue()).toBe('省人力资源社会保障厅');
    expect(await page.textContent('[data-test=save-state]')).toBe('已保存');
  });

  it('deletes a matter from a serial scenario with the Delete key: the chain closes, one undo step', async () => {
    await page.goto(`${product.url}/bundles/unemployment/edit`);
    await page.waitForSelector('[data-test=node-JSRS-JY-0102]');
    await page.click('[data-test=node-JSRS-JY-0102]');
    await page.keyboard.press('Delete');
    await page.waitForSelector('[data-test=node-JSRS-JY-0102]', { state: 'detached' });
    await saved();
    const scenario = (await bundle('unemployment')).scenarios[0]! as BundleBody['scenarios'][number] & { mode: string; edges?: unknown[] };
    expect(scenario.mode).toBe('serial');
    expect(scenario.edges ?? []).toEqual([]);
    expect(scenario.items.map((i) => (i as { matter: string }).matter)).not.toContain('JSRS-JY-0102');
    await page.click('[data-test=undo]');
    await saved();
    expect((await bundle('unemployment')).scenarios[0]!.items.map((i) => (i as { matter: string }).matter)).toContain('JSRS-JY-0102');
  });

  it('tells whose change is whose when someone else saved first', async () => {
    await page.goto(`${product.url}/bundles/death/edit`);
    await page.waitForSelector('[data-test=canvas] .vue-flow__node');
    const theirs = await admin.call('GET', '/api/studio/documents/bundle/death');
    const body = theirs.body.body as BundleBody;
    expect(
      (
        await admin.call(
          'PUT',
          '/api/studio/documents/bundle/death',
          { ...body, lead: '省社会保险基金管理中心（另一位同事）' },
          { 'if-match': theirs.etag! },
        )
      ).status,
    ).toBe(200);
    const first = page.locator('.vue-flow__node').first();
    const code = (await first.getAttribute('data-id'))!;
    await first.click();
    await page.click('[data-test=selection] >> text=必选');
    await page.waitForSelector('[data-test=stale-dialog]', { timeout: 15_000 });
    const other = (await page.textContent('[data-test=stale-theirs]'))!;
    const mine = (await page.textContent('[data-test=stale-mine]'))!;
    expect(other).toContain('牵头单位');
    expect(other).not.toContain('必选');
    expect(mine).toContain('必选');
    expect(mine).not.toContain('牵头单位');
    await studio.shot('22-stale-dialog');
    await page.click('[data-test=keep-mine]');
    await saved();
    const items = (await bundle('death')).scenarios.flatMap((s) => s.items as { matter: string; selection: string }[]);
    expect(items.find((i) => i.matter === code)?.selection).toBe('required');
  });

  it('lets a city rename a field of the one form, and not delete a matter the province requires', async () => {
    await page.click('text=退出');
    await studio.login('suzhou', 'Gusu-garden-2026');
    await page.goto(`${product.url}/variants/suzhou-unemployment/edit`);
    await page.waitForSelector('[data-test=canvas]');
    await page.click('.bottom-tabs >> text=一张表单');
    const relabel = page.locator('input[data-test="relabel-person.name"]');
    await relabel.fill('申请人姓名');
    await relabel.press('Tab');
    await saved();
    const suzhou = await apiLogin(product.url, 'suzhou', 'Gusu-garden-2026');
    const variant = async () => (await suzhou.call('GET', '/api/studio/documents/variant/suzhou-unemployment')).body;
    const ops = () => variant().then((v) => (v.body as { operations: { op: string; field?: string; label?: string }[] }).operations);
    expect(await ops()).toContainEqual({ op: 'relabelField', field: 'person.name', label: '申请人姓名' });
    const before = (await ops()).length;

    await page.click('[data-test=node-JSRS-JY-0101]');
    await page.keyboard.press('Delete');
    await page.waitForSelector('.el-message >> text=事项「失业登记」已被省级锁定，不能删除');
    // its edges were not taken for a change of the province's order either
    expect(await page.locator('.el-message >> text=地方版本不能调整省级的办理顺序').count()).toBe(0);
    expect(await page.locator('[data-test=node-JSRS-JY-0101]').count()).toBe(1);
    expect(await page.textContent('[data-test=save-state]')).toBe('已保存');
    expect(await ops()).toHaveLength(before);

    // a file that breaks the guardrails is refused by the server; undo is back at what it has
    const current = await variant();
    const broken = {
      ...(current.body as object),
      operations: [...(await ops()), { op: 'removeItem', scenario: 'main', matter: 'JSRS-JY-0101' }],
    };
    await page.setInputFiles('input[type=file]', {
      name: 'suzhou-unemployment.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    await page.waitForSelector('[data-test=save-state] >> text=保存失败', { timeout: 15_000 });
    await page.click('[data-test=undo]');
    expect(await page.textContent('[data-test=save-state]')).toBe('已保存');
    expect(await ops()).toHaveLength(before);
    await studio.shotWidths('18-city-form');
  });

  it('left no console errors but the refused and the stale save', () => {
    expect(studio.problems.filter((p) => !p.includes('422') && !p.includes('412'))).toEqual([]);
  });
});
