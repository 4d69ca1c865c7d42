import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiLogin, openStudio, type Product, type Studio } from './harness.ts';

/**
 * What officials need to run accounts: users and roles, a leaked account disabled at once,
 * a password reset, their own password changed, and the audit log that shows all of it —
 * never a password.
 */
let studio: Studio;
let product: Product;
let page: Page;

const WUXI = 'Taihu-lake-2026!';
const WUXI_RESET = 'Lingshan-buddha-88';
const ADMIN_NEW = 'Jiangsu-province-2027';

const users = async () =>
  (await (await apiLogin(product.url, 'admin', ADMIN_PASSWORD)).call('GET', '/api/studio/users')).body as unknown as {
    username: string;
    role: string;
    region: string;
    disabled: boolean;
  }[];
const status = async (call: Awaited<ReturnType<typeof apiLogin>>['call']) => (await call('GET', '/api/studio/me')).status;

beforeAll(async () => {
  studio = await openStudio();
  ({ product, page } = studio);
  await studio.login('admin', ADMIN_PASSWORD);
});

afterAll(() => studio?.close());

describe('accounts and the audit log', () => {
  it('creates a city editor, refusing a weak password next to the field', async () => {
    await page.click('nav >> text=用户');
    await page.waitForSelector('[data-test=users-table] .el-table__row');
    await page.click('[data-test=new-user]');
    await page.fill('input[data-test=user-username]', 'wuxi');
    await page.click('[data-test=user-region]');
    await page.click('.el-select-dropdown__item >> text=无锡市');
    await page.fill('input[data-test=user-password]', 'aaaaaaaaaa');
    await page.click('[data-test=save-user]');
    await page.waitForSelector('.el-form-item__error >> text=/12/');
    await page.fill('input[data-test=user-password]', WUXI);
    await page.click('[data-test=save-user]');
    await page.waitForSelector('[data-test=users-table] >> text=wuxi');
    expect((await users()).find((u) => u.username === 'wuxi')).toMatchObject({ role: 'city-editor', region: '320200', disabled: false });
    await studio.shotWidths('23-users');
  });

  it('disables a leaked account: its session ends at once; enables it again', async () => {
    const wuxi = await apiLogin(product.url, 'wuxi', WUXI);
    expect(await status(wuxi.call)).toBe(200);
    await page.click('[data-test=toggle-wuxi]');
    await page.click('.el-message-box__btns >> text=停用');
    await page.waitForSelector('[data-test=user-state-wuxi] >> text=已停用');
    expect(await status(wuxi.call)).toBe(401);
    await expect(apiLogin(product.url, 'wuxi', WUXI)).rejects.toThrow();
    await page.click('[data-test=toggle-wuxi]');
    await page.waitForSelector('[data-test=user-state-wuxi] >> text=启用');
    expect(await status((await apiLogin(product.url, 'wuxi', WUXI)).call)).toBe(200);
  });

  it('resets a password', async () => {
    await page.click('[data-test=reset-wuxi]');
    await page.fill('input[data-test=user-password]', WUXI_RESET);
    await page.click('[data-test=save-user]');
    await page.waitForSelector('.el-message >> text=已为 wuxi 设置新密码');
    await expect(apiLogin(product.url, 'wuxi', WUXI)).rejects.toThrow();
    expect(await status((await apiLogin(product.url, 'wuxi', WUXI_RESET)).call)).toBe(200);
  });

  it('changes one’s own password: the current one is checked, the new one works, the old one no longer', async () => {
    await page.click('[data-test=change-password]');
    await page.fill('input[data-test=password-current]', 'not-my-password');
    await page.fill('input[data-test=password-next]', ADMIN_NEW);
    await page.fill('input[data-test=password-again]', ADMIN_NEW);
    await page.click('[data-test=password-save]');
    await page.waitForSelector('[data-test=password-dialog] .el-form-item__error >> text=当前密码不正确');
    await page.fill('input[data-test=password-current]', ADMIN_PASSWORD);
    await page.click('[data-test=password-save]');
    await page.waitForSelector('.el-message >> text=密码已修改');
    await expect(apiLogin(product.url, 'admin', ADMIN_PASSWORD)).rejects.toThrow();
    expect(await status((await apiLogin(product.url, 'admin', ADMIN_NEW)).call)).toBe(200);
    // this session stays signed in
    await page.click('nav >> text=一件事');
    await page.waitForSelector('[data-test=bundle-table] .el-table__row');
  });

  it('shows all of it in the audit log, in officials’ words and without a password', async () => {
    await page.click('nav >> text=审计日志');
    await page.waitForSelector('[data-test=audit-table] .el-table__row');
    const text = (await page.textContent('[data-test=audit-table]'))!;
    for (const words of ['新建用户', '修改用户', '重置密码', '修改本人密码', '用户 wuxi', '用户 admin']) expect(text).toContain(words);
    await page.click('[data-test=audit-table] .el-table__row:has-text("修改用户") .el-table__expand-icon');
    await page.waitForSelector('.diff >> text=已停用');
    const all = await page.content();
    for (const secret of [WUXI, WUXI_RESET, ADMIN_NEW, ADMIN_PASSWORD]) expect(all).not.toContain(secret);
    await studio.shotWidths('24-audit');
  });

  it('keeps city editors out of the account pages', async () => {
    await page.click('text=退出');
    await studio.login('wuxi', WUXI_RESET);
    expect(await page.locator('nav >> text=用户').count()).toBe(0);
    await page.goto(`${product.url}/users`);
    await page.waitForSelector('[data-test=bundle-table]');
    expect(new URL(page.url()).pathname).toBe('/bundles');
  });

  it('left no console errors but the refused attempts', () => {
    expect(studio.problems.filter((p) => !/40[13]|422/.test(p))).toEqual([]);
  });
});
