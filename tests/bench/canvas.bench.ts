/**
 * `npm run bench:canvas`: how the editor's canvas behaves with a 200-matter bundle in
 * Debian's Chromium — frames per second while panning and while dragging a node, measured
 * with requestAnimationFrame during scripted mouse moves, next to the same page with 20.
 */
import { ADMIN_PASSWORD, apiLogin, launchBrowser, startProduct } from '../e2e/harness.ts';

const product = await startProduct();
const browser = await launchBrowser();
try {
  const admin = await apiLogin(product.url, 'admin', ADMIN_PASSWORD);
  const codes: string[] = [];
  for (let i = 0; i < 200; i++) {
    const code = `JSRS-BK-${String(i).padStart(4, '0')}`;
    codes.push(code);
    const res = await admin.call('POST', '/api/studio/documents/matter', {
      code,
      name: `压测事项${i}`,
      kind: '20',
      target: 'individual',
      department: '公共就业服务机构',
      legalDays: 10,
      promisedDays: (i % 7) + 1,
      visits: 0,
      fields: [
        { ref: 'person.name', required: true },
        { ref: 'person.idNumber', required: true },
        { ref: 'contact.mobile', required: i % 2 === 0 },
      ],
      materials: [{ ref: 'idCard', necessity: 'required', form: 'either', copies: 1, eLicense: true }],
    });
    if (res.status !== 201) throw new Error(`matter ${code}: ${res.status}`);
  }
  const bundle = (id: string, n: number) => ({
    id,
    name: `压测一件事${n}`,
    version: 1,
    region: '320000',
    lead: '省就业服务中心',
    scenarios: [
      {
        id: 'main',
        label: '主情形',
        target: 'individual',
        mode: 'parallel',
        items: codes.slice(0, n).map((matter) => ({ matter, selection: 'optional' })),
        edges: codes
          .slice(1, n)
          .filter((_, i) => i % 3 !== 0)
          .map((after, i) => ({ before: codes[i]!, after })),
        layout: Object.fromEntries(codes.slice(0, n).map((c, i) => [c, { x: (i % 20) * 260, y: Math.floor(i / 20) * 120 }])),
      },
    ],
  });
  for (const n of [20, 200])
    if ((await admin.call('POST', '/api/studio/documents/bundle', bundle(`load-${n}`, n))).status !== 201) throw new Error('bundle');

  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${product.url}/login`);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', ADMIN_PASSWORD);
  await page.click('[data-test=login]');
  await page.waitForSelector('[data-test=bundle-table]');

  const measure = async (n: number) => {
    await page.goto(`${product.url}/bundles/load-${n}/edit`);
    await page.waitForSelector(`[data-test=node-${codes[n - 1]}]`, { state: 'attached' });
    await page.waitForTimeout(500);
    const fps = async (action: () => Promise<void>) => {
      await page.evaluate(() => {
        const w = window as unknown as { frames_: number; counting: boolean };
        w.frames_ = 0;
        w.counting = true;
        const tick = () => {
          if (w.counting) {
            w.frames_++;
            requestAnimationFrame(tick);
          }
        };
        requestAnimationFrame(tick);
      });
      const t0 = Date.now();
      await action();
      const seconds = (Date.now() - t0) / 1000;
      const frames = await page.evaluate(() => {
        const w = window as unknown as { frames_: number; counting: boolean };
        w.counting = false;
        return w.frames_;
      });
      return frames / seconds;
    };
    const box = (await page.locator('[data-test=canvas]').boundingBox())!;
    const pan = await fps(async () => {
      await page.mouse.move(box.x + 30, box.y + box.height - 30);
      await page.mouse.down();
      for (let i = 0; i < 60; i++) await page.mouse.move(box.x + 30 + i * 5, box.y + box.height - 30 - i * 2);
      await page.mouse.up();
    });
    const node = (await page.locator('.vue-flow__node').first().boundingBox())!;
    const drag = await fps(async () => {
      await page.mouse.move(node.x + 40, node.y + 15);
      await page.mouse.down();
      for (let i = 0; i < 60; i++) await page.mouse.move(node.x + 40 + i * 4, node.y + 15 + i * 2);
      await page.mouse.up();
    });
    return { pan, drag };
  };
  const small = await measure(20);
  const large = await measure(200);
  console.log('canvas benchmark (headless Chromium, software rendering; frames per second during scripted mouse moves)');
  console.log(`20 matters:  pan ${small.pan.toFixed(0)} fps, drag ${small.drag.toFixed(0)} fps`);
  console.log(`200 matters: pan ${large.pan.toFixed(0)} fps, drag ${large.drag.toFixed(0)} fps`);
  console.log(`ratio 200 ÷ 20: pan ${(large.pan / small.pan).toFixed(2)}, drag ${(large.drag / small.drag).toFixed(2)}`);
} finally {
  await browser.close();
  await product.stop();
}
