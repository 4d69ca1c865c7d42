import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle } from '../support/fixtures.ts';
import { conflicting } from './fixtures.ts';
import { ADMIN_PASSWORD, apiLogin, openStudio, type Product, type Studio } from './harness.ts';

/**
 * What the official sees fits: the canvas shows a scenario clear of its overlays at a
 * readable zoom and places new matters where they can be seen, the one form fits at 1280 and
 * 1440 pixels, and long names ellipsise instead of breaking the page.
 */
let studio: Studio;
let product: Product;
let page: Page;

const CHAIN = ['JSRS-JY-0101', 'JSRS-SY-0101', 'JSRS-JY-0102', 'JSRS-JY-0201', 'JSRS-SK-0101', 'JSRS-JY-0301'];
const LONG_NAME = '长江三角洲区域一体化高质量发展示范区重点群体就业创业服务一件事'.slice(0, 40);

type Box = { x: number; y: number; width: number; height: number };
const box = async (l: Locator) => (await l.boundingBox())!;
const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;
const zoom = () => page.$eval('.vue-flow__transformationpane', (el) => new DOMMatrix(getComputedStyle(el).transform).a);
const nodeBoxes = async () => Promise.all((await page.locator('.vue-flow__node').all()).map(box));

async function openEditor(id: string) {
  await page.goto(`${product.url}/bundles/${id}/edit`);
  await page.waitForSelector('[data-test=canvas] .vue-flow__node');
  await page.waitForTimeout(400);
}

beforeAll(async () => {
  studio = await openStudio();
  ({ product, page } = studio);
  const admin = await apiLogin(product.url, 'admin', ADMIN_PASSWORD);
  for (const m of conflicting) expect((await admin.call('POST', '/api/studio/documents/matter', m)).status).toBe(201);
  const bundles = [
    bundle(CHAIN, { mode: 'serial' }, { id: 'long-chain', name: '六个事项串联' }),
    bundle(['JSRS-JY-0101', 'JSRS-SY-0101'], {}, { id: 'two-matters', name: LONG_NAME }),
    bundle(['JSRS-JY-0901', 'JSRS-JY-0902'], {}, { id: 'conflict', name: '有冲突的一件事' }),
  ];
  for (const b of bundles) expect((await admin.call('POST', '/api/studio/documents/bundle', b)).status).toBe(201);
  await studio.login('admin', ADMIN_PASSWORD);
});

afterAll(() => studio?.close());

describe.each([1440, 1280])('at %i pixels wide', (width) => {
  beforeAll(async () => {
    await page.setViewportSize({ width, height: width === 1440 ? 900 : 800 });
  });

  it('fits a chain of six matters at a readable zoom, the first one clear of the controls', async () => {
    await openEditor('long-chain');
    expect(await zoom()).toBeGreaterThanOrEqual(0.8);
    const controls = await box(page.locator('.vue-flow__controls'));
    const canvas = await box(page.locator('[data-test=canvas]'));
    const first = await box(page.locator('[data-test=node-JSRS-JY-0101]'));
    expect(inside(first, canvas)).toBe(true);
    expect(intersects(first, controls)).toBe(false);
    // too long to fit at a readable size: the minimap shows the way, and nothing starts under it
    await page.waitForSelector('[data-test=minimap]');
    const minimap = await box(page.locator('[data-test=minimap]'));
    for (const node of await nodeBoxes()) if (node.x + node.width <= minimap.x) expect(intersects(node, minimap)).toBe(false);
    await studio.shot(`19-long-chain-${width}`);
  });

  it('shows a small scenario whole, with nothing under the controls, and adds a matter from the keyboard where it touches no other', async () => {
    await openEditor('two-matters');
    expect(await zoom()).toBeLessThanOrEqual(1);
    expect(await page.locator('[data-test=minimap]').count()).toBe(0);
    const controls = await box(page.locator('.vue-flow__controls'));
    const canvas = await box(page.locator('[data-test=canvas]'));
    for (const node of await nodeBoxes()) {
      expect(inside(node, canvas)).toBe(true);
      expect(intersects(node, controls)).toBe(false);
    }
    await page.fill('[data-test=palette-search]', 'JSRS-JY-0201');
    await page.focus('[data-test=palette-JSRS-JY-0201]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-test=node-JSRS-JY-0201]');
    await page.waitForTimeout(400);
    const added = await box(page.locator('[data-test=node-JSRS-JY-0201]'));
    const others = await Promise.all(['JSRS-JY-0101', 'JSRS-SY-0101'].map((c) => box(page.locator(`[data-test=node-${c}]`))));
    for (const other of others) expect(intersects(added, other)).toBe(false);
    expect(inside(added, await box(page.locator('[data-test=canvas]')))).toBe(true);
    await page.click('[data-test=undo]');
  });

  it('keeps a matter dropped at the right edge wholly in view', async () => {
    const canvas = await box(page.locator('[data-test=canvas]'));
    await page.fill('[data-test=palette-search]', 'JSRS-JY-0302');
    await page.dragAndDrop('[data-test=palette-JSRS-JY-0302]', '[data-test=canvas]', {
      targetPosition: { x: canvas.width - 4, y: canvas.height - 30 },
    });
    await page.waitForSelector('[data-test=node-JSRS-JY-0302]');
    expect(inside(await box(page.locator('[data-test=node-JSRS-JY-0302]')), canvas)).toBe(true);
    await page.click('[data-test=undo]');
  });

  it('ellipsises a long name in the header, and keeps the toolbar clear of it', async () => {
    const title = await box(page.locator('[data-test=editor-title]'));
    const undo = await box(page.locator('[data-test=undo]'));
    expect(title.x + title.width).toBeLessThanOrEqual(undo.x);
    expect(title.height).toBeLessThan(40);
    expect(await page.getAttribute('[data-test=editor-title] .title-text', 'title')).toBe(LONG_NAME);
    await studio.shot(`20-long-name-${width}`);
  });

  it('fits the one form: the conflict can be resolved and every column is in view', async () => {
    await openEditor('conflict');
    await page.click('.bottom-tabs >> text=一张表单');
    await page.waitForSelector('.conflict-row');
    const table = await box(page.locator('[data-test=form-table]'));
    const across = (b: Box) => b.x >= table.x && b.x + b.width <= table.x + table.width + 0.5;
    const resolve = page.locator('[data-test="resolve-person.education"]');
    await resolve.scrollIntoViewIfNeeded();
    expect(across(await box(resolve))).toBe(true);
    const headers = await page.locator('[data-test=form-table] .el-table__header th').all();
    for (const th of headers) expect(across(await box(th))).toBe(true);
    await studio.shot(`21-one-form-${width}`);
  });

  it('lists a long name on one line', async () => {
    await page.goto(`${product.url}/bundles`);
    await page.waitForSelector('[data-test=bundle-table] .el-table__row');
    const row = page.locator('[data-test=bundle-table] .el-table__body-wrapper .el-table__row', { hasText: LONG_NAME.slice(0, 8) });
    const other = page.locator('[data-test=bundle-table] .el-table__body-wrapper .el-table__row', { hasText: '有冲突的一件事' });
    expect((await box(row)).height).toBe((await box(other)).height);
  });
});

describe('the page', () => {
  it('left no console errors', () => {
    expect(studio.problems).toEqual([]);
  });
});
