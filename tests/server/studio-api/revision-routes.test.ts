import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dictionary, DocumentView, Matter, RevisionView, WorkCalendar } from '../../../schemas/index.ts';
import { startServer, type Client, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
let admin: Client;
beforeAll(async () => {
  server = await startServer();
  admin = await server.login('admin');
});
afterAll(() => server.close());

async function put<T>(kind: string, id: string, change: (body: T) => T): Promise<void> {
  const doc = (await admin.get(`/api/studio/documents/${kind}/${id}`).expect(200)).body as DocumentView<T>;
  await admin.put(`/api/studio/documents/${kind}/${id}`, change(structuredClone(doc.body)), `"${doc.rev}"`).expect(200);
}

const revisions = async (kind: string, id: string) =>
  (await admin.get(`/api/studio/documents/${kind}/${id}/revisions`).expect(200)).body as RevisionView[];

describe('a document’s history', () => {
  it('lists a data element’s edits newest first, each in the words of the dictionary’s keepers', async () => {
    await put<Dictionary>('dictionary', 'dictionary', (d) => ({
      ...d,
      elements: d.elements.map((e) =>
        e.id === 'person.name' ? { ...e, maxLength: 20 } : e.id === 'person.gender' ? { ...e, label: '性别（按证件）' } : e,
      ),
    }));
    const [latest, first] = await revisions('dictionary', 'dictionary');
    expect(latest!.rev).toBe(2);
    expect(latest!.updatedBy).toBe('admin');
    expect(latest!.changes).toEqual(['数据元「姓名」：长度 2–30 → 2–20', '数据元「性别」：名称 性别 → 性别（按证件）']);
    expect(first).toMatchObject({ rev: 1, changes: [] });
  });

  it('says which holidays a calendar edit moved and a matter’s changes by their names', async () => {
    await put<WorkCalendar>('calendar', 'calendar', (c) => ({ ...c, holidays: [...c.holidays, '2027-12-31'].sort() }));
    expect((await revisions('calendar', 'calendar'))[0]!.changes).toEqual(['节假日增加 2027-12-31']);
    await put<Matter>('matter', 'JSRS-SY-0101', (m) => ({
      ...m,
      promisedDays: m.promisedDays + 2,
      materials: m.materials.filter((x) => x.ref !== 'bankCard'),
      service: { fee: '不收取任何费用' },
    }));
    const [latest] = await revisions('matter', 'JSRS-SY-0101');
    expect(latest!.changes).toEqual([
      expect.stringMatching(/^承诺时限 (\d+) 个工作日 → \d+ 个工作日$/),
      '收费 不收费 → 不收取任何费用',
      '删除材料「本人银行卡（折）」',
    ]);
  });

  it('shows a city only its own documents’ history', async () => {
    const suzhou = await server.login('suzhou');
    await suzhou.get('/api/studio/documents/dictionary/dictionary/revisions').expect(200);
    await admin.get('/api/studio/documents/matter/NO-SUCH-0001/revisions').expect(404);
  });
});
