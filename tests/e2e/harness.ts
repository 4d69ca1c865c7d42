/**
 * End-to-end harness: builds the studio if needed, starts the server as its own process
 * with a data directory of its own (a copy of the run's seeded store), and opens a page in Debian's Chromium that records console
 * errors; each suite gets the same setup from `openStudio`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { DocumentView, MergedField } from '../../schemas/index.ts';
import { apiLogin, seededDataDir, spawnServer, stopServer } from '../support/spawn-server.ts';
import { PASSWORD } from '../support/test-store.ts';

export { apiLogin };
export const ROOT = join(import.meta.dirname, '..', '..');
export const SHOTS = join(import.meta.dirname, 'screenshots');
// the admin of the run's seeded template (test-store.ts)
export const ADMIN_PASSWORD = PASSWORD;

/** A running product. */
export interface Product {
  url: string;
  stop(): Promise<void>;
}

/** Builds the studio (when stale) and starts the server on a fresh data directory. */
export async function startProduct(): Promise<Product> {
  execFileSync(process.execPath, [join(ROOT, 'server', 'cli', 'build-studio.ts')], { stdio: 'inherit' });
  const dataDir = seededDataDir('yjs-e2e-');
  const server = await spawnServer({ DATA_DIR: dataDir, ADMIN_PASSWORD, LOG_LEVEL: 'warn' });
  return {
    url: server.url,
    async stop() {
      await stopServer(server);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Launches headless Chromium the way this machine allows. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A suite's studio: product, browser, one page, the console errors it logged, screenshots. */
export interface Studio {
  product: Product;
  browser: Browser;
  page: Page;
  problems: string[];
  shot(name: string): Promise<Buffer>;
  /** Screenshots at the two widths officials use, 1280 (`name-1280`) and 1440 (`name`), leaving the page at 1440. */
  shotWidths(name: string): Promise<void>;
  /** Signs in through the login page and waits for the bundle list. */
  login(username: string, password: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts the product and opens a page on it. */
export async function openStudio(): Promise<Studio> {
  const product = await startProduct();
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  return {
    product,
    browser,
    page,
    problems,
    shot: (name) => page.screenshot({ path: join(SHOTS, `${name}.png`) }),
    async shotWidths(name) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(SHOTS, `${name}-1280.png`) });
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(SHOTS, `${name}.png`) });
    },
    async login(username, password) {
      await page.goto(`${product.url}/login`);
      await page.fill('input[name=username]', username);
      await page.fill('input[name=password]', password);
      await page.click('[data-test=login]');
      await page.waitForSelector('[data-test=bundle-table] .el-table__row');
    },
    async close() {
      await browser.close();
      await product.stop();
    },
  };
}

/** Signs in as the province's administrator and opens a bundle in the editor. */
export async function openBundleEditor(bundle: string): Promise<Studio> {
  const studio = await openStudio();
  await studio.login('admin', ADMIN_PASSWORD);
  await studio.page.goto(`${studio.product.url}/bundles/${bundle}/edit`);
  await studio.page.waitForSelector('[data-test=canvas] .vue-flow__node');
  return studio;
}

/** A document as the studio API returns it, read as the province's administrator. */
export async function readDocument<T>(product: Product, kind: string, id: string): Promise<DocumentView<T>> {
  const admin = await apiLogin(product.url, 'admin', ADMIN_PASSWORD);
  return (await admin.call('GET', `/api/studio/documents/${kind}/${id}`)).body as unknown as DocumentView<T>;
}

/** Waits until the editor says the draft is saved. */
export async function saved(page: Page): Promise<void> {
  await page.waitForSelector('[data-test=save-state] >> text=已保存', { timeout: 15_000 });
}

/** Saves what the preview holds as a golden case named `label`, as an official does (the name typed into the prompt), and waits for the draft to be saved. */
export async function savePreviewCase(page: Page, label: string, verdict = '受理'): Promise<void> {
  await page.click('[data-test=preview-save-case]');
  await page.locator('.el-message-box input').fill(label);
  await page.click('.el-message-box .el-button--primary');
  await page.waitForSelector(`.el-message >> text=已保存用例「${label}」：${verdict}`);
  await page.keyboard.press('Escape');
  await saved(page);
}

/** Clicks empty canvas (its top edge, right of the zoom controls), which selects nothing: the inspector shows the bundle. */
export async function clickEmptyCanvas(page: Page): Promise<void> {
  await page.click('.vue-flow__pane', { position: { x: 70, y: 6 } });
}

/**
 * As an official who has looked at the changes: records every 用例 whose outcome the edits
 * changed (the 用例 tab's button, which the server carries out and audits), then waits for the save.
 */
export async function recordChangedCases(page: Page): Promise<void> {
  await page.click('#tab-cases');
  await page.waitForSelector('[data-test=cases-tab]');
  const all = page.locator('[data-test=record-all-cases]');
  if (await all.count()) {
    await all.click();
    await all.waitFor({ state: 'detached' });
  }
  await saved(page);
}

/** Picks an option of an Element Plus select by its text, as a person does, and waits for the dropdown to close. */
export async function choose(page: Page, trigger: string, option: string): Promise<void> {
  await page.click(trigger);
  const open = page.locator('.el-select__popper:visible');
  await open.locator('.el-select-dropdown__item', { hasText: option }).first().click();
  await open.waitFor({ state: 'detached' });
}

/**
 * Types an applicant's values into the preview, field by field, as a person does: each field
 * of `fields` that `values` has (by section), inside `root` (the page, or one employee's card).
 */
export async function typeFields(
  page: Page,
  root: Page | Locator,
  fields: readonly MergedField[],
  values: Record<string, Record<string, unknown> | undefined>,
): Promise<void> {
  for (const f of fields) {
    const value = values[f.section]?.[f.key];
    if (value === undefined || f.derived) continue;
    const item = root.locator(`[data-test="field-${f.section}.${f.key}"]`);
    if (f.type === 'enum') {
      await item.locator('.el-select').click();
      const label = f.options!.find((o) => o.value === value)!.label;
      await page.locator('.el-select__popper:visible .el-select-dropdown__item', { hasText: label }).first().click();
    } else if (f.type === 'boolean') {
      await item.locator('.el-radio', { hasText: value ? '是' : '否' }).click();
    } else if (f.type === 'date') {
      await item.locator('input').fill(String(value));
      await item.locator('input').press('Enter');
    } else if (f.type === 'integer' || f.type === 'number') {
      await item.locator('input').fill(String(value));
      await item.locator('input').press('Tab');
    } else {
      await item.locator('input, textarea').first().fill(String(value));
    }
  }
}
