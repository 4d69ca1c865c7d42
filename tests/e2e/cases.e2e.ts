/**
 * 用例 in the browser: an official fills in the preview as an applicant would (typing into
 * each input), saves it as a case, changes a shared matter — seeing the impact before the
 * save — finds the case changed and the publish refused, records the new outcome, and
 * publishes. Everything is read back through the API.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, CaseList, CompiledBundle, ReductionsView, SimulationReport } from '../../schemas/index.ts';
import { ADMIN_PASSWORD, apiLogin, openBundleEditor, type Product, saved, savePreviewCase, type Studio, typeFields } from './harness.ts';

let studio: Studio;
let product: Product;
let page: Page;
const BUNDLE = 'unemployment';
const BENEFIT = 'JSRS-SY-0101'; // 失业保险金申领

async function admin() {
  return apiLogin(product.url, 'admin', ADMIN_PASSWORD);
}

async function cases(): Promise<CaseList> {
  return (await (await admin()).call('GET', `/api/studio/bundles/${BUNDLE}/cases`)).body as unknown as CaseList;
}

beforeAll(async () => {
  studio = await openBundleEditor(BUNDLE);
  ({ product, page } = studio);
});

afterAll(() => studio?.close());

describe('an official keeps a bundle’s outcomes with 用例', () => {
  let caseId = '';

  it('saves an applicant typed into the preview as a case, with the outcome it gets today', async () => {
    const compiled = (await (await fetch(`${product.url}/api/regions/320000/bundles/${BUNDLE}`)).json()) as CompiledBundle;
    const example = (await (
      await fetch(`${product.url}/api/regions/320000/bundles/${BUNDLE}/example?matters=JSRS-JY-0101,${BENEFIT}`)
    ).json()) as Record<string, Record<string, unknown>>;
    await page.click('[data-test=open-preview]');
    await page.waitForSelector('[data-test=preview-questions]');
    // 除失业登记外还办失业保险金: the answer ticks the matter
    await page.click('[data-test=preview-questions] .el-checkbox >> text=失业保险金');
    await page.waitForSelector(`[data-test=preview-matter-${BENEFIT}].is-checked`);
    await typeFields(page, page, compiled.fields, example);
    await page.click('[data-test=preview-validate]');
    await page.waitForSelector('[data-test=preview-verdict] >> text=校验通过');
    await savePreviewCase(page, '失业人员：在线申领失业保险金');
    await page.click('#tab-cases');
    await page.waitForSelector('[data-test=cases-tab] >> text=失业人员：在线申领失业保险金');
    await studio.shotWidths('50-cases');
    // read back: the server reran it on the saved draft and got the same outcome
    const mine = (await cases()).cases.find((c) => c.label === '失业人员：在线申领失业保险金')!;
    caseId = mine.id;
    expect(mine).toMatchObject({ origin: 'province', changes: [] });
    expect(mine.actual).toMatchObject({ accepted: true, matters: ['JSRS-JY-0101', BENEFIT] });
  });

  it('shows the impact of a slower 失业保险金 before saving it: this bundle, its cities and the cases that change', async () => {
    await page.click('nav >> text=事项库');
    await page.fill('[data-test=matter-search]', 'sybx');
    await page.click('[data-test=matter-table] >> text=失业保险金申领');
    await page.click('[data-test=edit-matter]');
    await page.locator('[data-test=matter-promised-days] input').fill('10');
    await page.locator('[data-test=matter-promised-days] input').press('Tab');
    await page.click('[data-test=save-matter]');
    await page.waitForSelector(`[data-test=impact-${BUNDLE}]`);
    const impact = (await page.textContent(`[data-test=impact-${BUNDLE}]`))!;
    expect(impact).toContain('苏州市');
    expect(impact).toContain('用例「失业人员：在线申领失业保险金」的结果会变');
    await studio.shotWidths('51-impact');
    await page.click('[data-test=confirm-impact]');
    await page.waitForSelector('[data-test=impact-dialog]', { state: 'hidden' });
    const admin_ = await admin();
    const matter = (await admin_.call('GET', `/api/studio/documents/matter/${BENEFIT}`)).body as unknown as {
      body: { promisedDays: number };
    };
    expect(matter.body.promisedDays).toBe(10);
  });

  it('finds the case changed and the publish refused, records the new outcome, and publishes', async () => {
    await page.goto(`${product.url}/bundles/${BUNDLE}/edit`);
    await page.waitForSelector('[data-test=canvas] .vue-flow__node');
    await page.click('#tab-cases');
    await page.waitForSelector(`[data-test=case-changes-${caseId}] >> text=由受理后第`);
    // the disabled-looking button says why, and the server refuses too
    expect(await page.locator('[data-test=publish]').isDisabled()).toBe(true);
    await page.locator('[data-test=publish]').hover({ force: true });
    const a = await admin();
    expect((await a.call('POST', `/api/studio/bundles/${BUNDLE}/versions`, { state: 'published' })).status).toBe(422);
    await studio.shotWidths('52-case-changed');
    await page.click(`[data-test=record-case-${caseId}]`);
    await page.waitForSelector(`[data-test=case-changes-${caseId}]`, { state: 'detached' });
    await page.click('[data-test=record-all-cases]');
    await page.waitForSelector('[data-test=record-all-cases]', { state: 'detached' });
    await saved(page);
    await page.click('[data-test=publish]');
    await page.waitForSelector('[data-test=publish-changes] >> text=承诺时限由 3 个工作日改为 10 个工作日');
    await page.click('[data-test=confirm-publish]');
    await page.waitForSelector('[data-test=version-state] >> text=已发布');
    // read back: every case holds, a new version exists, and the audit log says who accepted the change
    expect((await cases()).cases.every((c) => c.changes.length === 0)).toBe(true);
    const versions = (await a.call('GET', `/api/studio/bundles/${BUNDLE}/versions`)).body as unknown as { version: number }[];
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    const audit = (await a.call('GET', '/api/studio/audit?limit=20')).body as unknown as AuditEntry[];
    expect(audit.filter((e) => e.action === 'record-cases').map((e) => e.actor)).toEqual(['admin', 'admin']);
    expect(studio.problems).toEqual([]);
  });

  it('simulates every path of the largest bundle and draws how the time limit spreads', async () => {
    await page.goto(`${product.url}/bundles/work-injury-benefits/edit`);
    await page.waitForSelector('[data-test=canvas] .vue-flow__node');
    await page.click('[data-test=open-simulation]');
    await page.waitForSelector('[data-test=simulation-summary]');
    const a = await admin();
    const report = (await a.call('GET', '/api/studio/bundles/work-injury-benefits/simulation')).body as unknown as SimulationReport;
    expect(report.paths).toBe(4096);
    expect(await page.locator('[data-test=days-chart] rect').count()).toBe(report.days.histogram.length);
    expect(await page.textContent('[data-test=simulation-summary]')).toContain(String(report.simulated));
    await studio.shotWidths('53-simulation');
    expect(studio.problems).toEqual([]);
  });

  it('shows the four reductions of every bundle in every city, and downloads them', async () => {
    await page.click('nav >> text=四减统计');
    await page.waitForSelector('[data-test=reductions-table] >> text=失业一件事');
    await page.click('[data-test=reductions-region]');
    await page.locator('.el-select__popper:visible .el-select-dropdown__item', { hasText: '苏州市' }).click();
    await page.click('.measure >> text=提交材料');
    const a = await admin();
    const rows = ((await a.call('GET', '/api/studio/reductions')).body as unknown as ReductionsView).rows.filter(
      (r) => r.region === '320500',
    );
    expect(await page.locator('[data-test=reductions-table] .el-table__body-wrapper tbody tr').count()).toBe(rows.length);
    expect(await page.locator('[data-test=reductions-chart] rect').count()).toBe(2 * new Set(rows.map((r) => r.bundleId)).size);
    await studio.shotWidths('54-reductions');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=export-xlsx]')]);
    expect(download.suggestedFilename()).toBe('四减统计.xlsx');
    expect(studio.problems).toEqual([]);
  });
});
