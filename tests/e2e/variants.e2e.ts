import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiLogin, clickEmptyCanvas, openStudio, type Product, recordChangedCases, type Studio } from './harness.ts';

let studio: Studio;
let product: Product;
let page: Page;
const shot = (name: string) => studio.shot(name);
const login = (username: string, password: string) => studio.login(username, password);

beforeAll(async () => {
  studio = await openStudio();
  ({ product, page } = studio);
  const admin = await apiLogin(product.url, 'admin', ADMIN_PASSWORD);
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

describe('city variants follow the province', () => {
  it('the province removes a matter a city had anchored to and publishes', async () => {
    await login('admin', ADMIN_PASSWORD);
    await page.goto(`${product.url}/bundles/unemployment/edit`);
    await page.click('[data-test=node-JSRS-JY-0102]');
    await page.click('[data-test=remove-matter]');
    await page.waitForSelector('[data-test=node-JSRS-JY-0102]', { state: 'detached' });
    await page.waitForSelector('[data-test=save-state] >> text=已保存', { timeout: 15_000 });
    await recordChangedCases(page);
    await page.click('[data-test=publish]');
    // the dialog says what publishing does: the change, and that 苏州 conflicts and keeps its version
    await page.waitForSelector('[data-test=publish-cities]');
    expect(await page.textContent('[data-test=publish-changes]')).toContain('就业意愿采集');
    const cities = (await page.textContent('[data-test=publish-cities]'))!;
    expect(cities).toContain('苏州市');
    expect(cities).toContain('有冲突');
    expect(cities).toContain('解决前该市继续提供第 1 版');
    await page.waitForTimeout(300);
    await shot('10-publish-dialog');
    // an impatient double click publishes once
    await page.dblclick('[data-test=confirm-publish]');
    await page.waitForSelector('[data-test=version-state] >> text=第 2 版 · 已发布');
    const admin = await apiLogin(product.url, 'admin', ADMIN_PASSWORD);
    expect(((await admin.call('GET', '/api/studio/bundles/unemployment/versions')).body as unknown as unknown[]).length).toBe(2);
  });

  it('shows the province which cities conflict, and the city keeps serving its last good version', async () => {
    await page.click('nav >> text=地方版本');
    await page.waitForSelector('[data-test=status-unemployment-320500] >> text=有冲突');
    await page.waitForTimeout(300);
    await shot('11-variant-matrix');
    const served = (await (await fetch(`${product.url}/api/regions/320500/bundles/unemployment`)).json()) as { version: number };
    expect(served.version).toBe(1);
    expect(((await (await fetch(`${product.url}/api/regions/320100/bundles/unemployment`)).json()) as { version: number }).version).toBe(2);
  });

  it('the city sees the conflicts and resolves them in one click', async () => {
    await page.click('text=退出');
    await login('suzhou', 'Gusu-garden-2026');
    // the list says what the city serves: version 2 is in effect, 苏州 still serves version 1
    const row = page.locator('[data-test=bundle-table] .el-table__body-wrapper .el-table__row', { hasText: '失业一件事' });
    expect(await row.locator('.el-tag').textContent()).toContain('第 2 版');
    expect(await row.locator('[data-test=serving]').textContent()).toBe('本市仍在提供第 1 版');
    await page.click('[data-test=variant-unemployment]');
    await page.waitForSelector('[data-test=rebase-panel] >> text=2 条调整有冲突');
    await shot('12-rebase-conflicts');
    await page.click('[data-test=rebase-accept-all]');
    await page.waitForSelector('[data-test=rebase-panel]', { state: 'detached' });
    await page.waitForSelector('[data-test=save-state] >> text=已保存', { timeout: 15_000 });
    await page.waitForSelector('[data-test=node-SZRS-JY-0101]');
    // resolved in the draft, the public keeps the last good version until the city publishes
    expect(((await (await fetch(`${product.url}/api/regions/320500/bundles/unemployment`)).json()) as { version: number }).version).toBe(1);
    await recordChangedCases(page);
    await page.click('[data-test=publish-variant]');
    await page.click('.el-message-box__btns >> text=发布');
    await page.waitForSelector('[data-test=variant-release-state] >> text=已发布第 2 次');
    await page.waitForTimeout(300);
    await shot('13-rebase-resolved');
    const served = (await (await fetch(`${product.url}/api/regions/320500/bundles/unemployment`)).json()) as {
      version: number;
      scenarios: { items: { matter: { code: string } }[] }[];
    };
    expect(served.version).toBe(2);
    expect(served.scenarios[0]!.items.map((i) => i.matter.code)).toEqual([
      'JSRS-JY-0101',
      'JSRS-SY-0101',
      'SZRS-JY-0101',
      'JSRS-JY-0201',
      'JSRS-SK-0101',
    ]);
    const diff = (await (await fetch(`${product.url}/api/regions/320500/bundles/unemployment/diff?against=base`)).json()) as {
      changes: { kind: string }[];
    };
    expect(diff.changes.map((c) => c.kind)).toContain('matter-added');
  });

  it('the city adds a local field, a note and its trial choice, recorded as operations', async () => {
    await page.click('[data-test=node-SZRS-JY-0101]');
    await page.fill('[data-test=local-field-id]', 'district');
    await page.fill('[data-test=local-field-label]', '所在街道');
    await page.click('[data-test=add-local-field]');
    await clickEmptyCanvas(page);
    await page.fill('[data-test=local-note]', '工业园区人员可在园区一站式服务中心办理。');
    await page.click('text=增加说明');
    await page.click('[data-test=pilot] >> text=参加');
    await page.waitForSelector('[data-test=save-state] >> text=已保存', { timeout: 15_000 });
    await recordChangedCases(page);
    await page.click('[data-test=publish-variant]');
    await page.click('.el-message-box__btns >> text=发布');
    await page.waitForSelector('[data-test=variant-release-state] >> text=已发布第 3 次');
    await page.waitForTimeout(300);
    await shot('14-local-adjustments');
    const admin = await apiLogin(product.url, 'admin', ADMIN_PASSWORD);
    const saved = (await admin.call('GET', '/api/studio/documents/variant/suzhou-unemployment')).body.body as {
      baseVersion: number;
      operations: { op: string }[];
    };
    expect(saved.baseVersion).toBe(2);
    expect(saved.operations.map((o) => o.op)).toEqual(expect.arrayContaining(['addLocalField', 'addNote', 'pilot']));
    const schema = (await (await fetch(`${product.url}/api/regions/320500/bundles/unemployment/schema`)).json()) as {
      properties: Record<string, { properties?: Record<string, unknown> }>;
    };
    expect(schema.properties.matter_SZRS_JY_0101!.properties!.district).toBeDefined();
  });

  it('the city edits its own matter, and the public sees the change only once the city publishes it', async () => {
    const servedName = async () => {
      const served = (await (await fetch(`${product.url}/api/regions/320500/bundles/unemployment`)).json()) as {
        scenarios: { items: { matter: { code: string; name: string } }[] }[];
      };
      return served.scenarios[0]!.items.find((i) => i.matter.code === 'SZRS-JY-0101')!.matter.name;
    };
    const before = await servedName();
    await page.click('nav >> text=事项库');
    await page.fill('[data-test=matter-search]', 'SZRS-JY-0101');
    await page.click('[data-test=matter-table] >> text=SZRS-JY-0101');
    await page.waitForSelector('[data-test=matter-release-state] >> text=已发布第 1 次');
    // the city edits its own matter in the same designer the province uses
    await page.click('[data-test=edit-matter]');
    await page.locator('input[data-test=matter-name]').fill(`${before}（园区）`);
    await page.click('[data-test=save-matter]');
    const impact = page.locator('[data-test=impact-dialog]');
    if (await impact.isVisible({ timeout: 3000 }).catch(() => false)) await page.click('[data-test=confirm-impact]');
    await page.waitForSelector('[data-test=matter-designer]', { state: 'hidden' });
    await page.waitForSelector('[data-test=matter-release-state] >> text=有未发布的修改');
    expect(await servedName()).toBe(before);
    await page.click('[data-test=publish-matter]');
    await page.click('.el-message-box__btns >> text=发布');
    await page.waitForSelector('[data-test=matter-release-state] >> text=已发布第 2 次');
    expect(await page.textContent('.el-drawer')).toContain('失业一件事（苏州市地方版本）');
    await page.waitForSelector('.el-message-box', { state: 'hidden' });
    await page.waitForTimeout(300);
    await shot('15-local-matter-release');
    expect(await servedName()).toBe(`${before}（园区）`);
    await page.keyboard.press('Escape');
  });

  it('left no console errors', () => {
    expect(studio.problems).toEqual([]);
  });
});
