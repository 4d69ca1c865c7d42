import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dictionary, ImpactReport, Matter } from '../../../schemas/index.ts';
import { startServer, type Client, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
let admin: Client;
beforeAll(async () => {
  server = await startServer();
  admin = await server.login('admin');
});
afterAll(() => server.close());

const matter = async (code: string) =>
  (await admin.get(`/api/studio/documents/matter/${code}`).expect(200)).body as { rev: number; body: Matter };

describe('impact analysis', () => {
  it('shows what a slower shared matter does, in every bundle and city, before anything is saved', async () => {
    const { body, rev } = await matter('JSRS-SK-0101'); // 社会保障卡申领: in many bundles
    const slower = { ...body, promisedDays: 15 };
    const report = (await admin.post('/api/studio/impact', { kind: 'matter', id: 'JSRS-SK-0101', body: slower }).expect(200))
      .body as ImpactReport;
    const bundles = report.bundles.map((b) => b.bundleId);
    expect(bundles.length).toBeGreaterThanOrEqual(5);
    const graduation = report.bundles.find((b) => b.bundleId === 'graduation')!;
    expect(graduation.regions.map((r) => r.region)).toEqual(['320000']);
    expect(graduation.regions[0]!.changes.map((c) => c.text)).toContain('「高校毕业生」办结时限由 5 个工作日改为 15 个工作日');
    expect(graduation.regions[0]!.cases.map((c) => c.id)).toContain('all-matters');
    // nothing was saved
    expect((await matter('JSRS-SK-0101')).rev).toBe(rev);
  });

  it('reaches every bundle whose form holds a changed data element', async () => {
    const dictionary = (await admin.get('/api/studio/documents/dictionary/dictionary').expect(200)).body.body as Dictionary;
    const longer = {
      ...dictionary,
      elements: dictionary.elements.map((e) => (e.id === 'contact.mobile' ? { ...e, label: '联系电话（手机）' } : e)),
    };
    const report = (await admin.post('/api/studio/impact', { kind: 'dictionary', id: 'dictionary', body: longer }).expect(200))
      .body as ImpactReport;
    expect(report.bundles.length).toBeGreaterThanOrEqual(10);
    expect(report.bundles.every((b) => b.regions[0]!.changes.some((c) => c.text.includes('联系电话（手机）')))).toBe(true);
  });

  it('refuses a document the official may not save, or one that is not valid', async () => {
    const suzhou = await server.login('suzhou');
    const { body } = await matter('JSRS-SK-0101');
    await suzhou.post('/api/studio/impact', { kind: 'matter', id: 'JSRS-SK-0101', body }).expect(403);
    const bad = await admin
      .post('/api/studio/impact', { kind: 'matter', id: 'JSRS-SK-0101', body: { ...body, promisedDays: -1 } })
      .expect(422);
    expect(bad.body.errors[0].path).toBe('/body/promisedDays');
    await admin.post('/api/studio/impact', { kind: 'widget', id: 'x', body: {} }).expect(422);
    await admin.post('/api/studio/impact', { kind: 'matter', id: 'JSRS-XX-9999', body }).expect(422);
  });
});
