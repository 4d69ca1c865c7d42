import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptanceDay, deadline, prepareCalendar } from '../../../schemas/index.ts';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';
import { todayInChina } from '../../../server/runtime/plan.ts';
import { startServer, type Client, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
let admin: Client;
beforeAll(async () => {
  server = await startServer();
  admin = await server.login('admin');
});
afterAll(() => server.close());

const base = '/api/regions/320000/bundles/unemployment';
const shipped = prepareCalendar(loadDefinitions().calendar);

/** The bundle's due date for a selection, as the public runtime plans it today. */
async function due(matters: string) {
  const example = (await request(server.url).get(`${base}/example?matters=${matters}`)).body;
  return (await request(server.url).post(`${base}/applications/validate`).send(example).expect(200)).body.plan.bundle as {
    days: number;
    due: string;
  };
}

describe('releases of the working-day calendar', () => {
  it('plans with the published calendar: a draft changes nothing, publishing it changes every due date at once', async () => {
    const before = await due('JSRS-JY-0101,JSRS-SY-0101,JSRS-JY-0201');
    expect(before.due).toBe(deadline(acceptanceDay(todayInChina(), shipped), before.days, shipped));

    // the State Council moves the next 60 days to holidays; the official edits the draft
    const draft = (await admin.get('/api/studio/documents/calendar/calendar')).body;
    const today = Date.now() + 8 * 3600_000;
    const next60 = Array.from({ length: 60 }, (_, i) => new Date(today + (i + 1) * 86_400_000).toISOString().slice(0, 10));
    const edited = { ...draft.body, holidays: [...new Set([...draft.body.holidays, ...next60])].sort() };
    await admin.put('/api/studio/documents/calendar/calendar', edited, `"${draft.rev}"`).expect(200);
    const unseen = await due('JSRS-JY-0101,JSRS-SY-0101');
    expect(unseen.due).toBe(deadline(acceptanceDay(todayInChina(), shipped), unseen.days, shipped));
    expect(await due('JSRS-JY-0101,JSRS-SY-0101,JSRS-JY-0201')).toEqual(before);

    // publishing applies it to every live version without republishing them, cached plans included
    const release = await admin.post('/api/studio/documents/calendar/calendar/releases').expect(201);
    expect(release.body).toMatchObject({ kind: 'calendar', release: 2, rev: draft.rev + 1 });
    const published = prepareCalendar(edited);
    const after = await due('JSRS-JY-0101,JSRS-SY-0101,JSRS-JY-0201');
    expect(after.due).toBe(deadline(acceptanceDay(todayInChina(), published), after.days, published));
    expect(after.due > before.due).toBe(true);
    expect((await request(server.url).get('/api/calendar').expect(200)).body).toMatchObject({
      release: 2,
      calendar: { holidays: edited.holidays },
    });
    expect((await admin.get('/api/studio/bundles/unemployment/versions')).body).toHaveLength(1);
    await admin.post('/api/studio/documents/calendar/calendar/releases').expect(409);
  });

  it('refuses to release what has no lifecycle of its own, and an unknown kind', async () => {
    await admin.post('/api/studio/documents/matter/JSRS-JY-0101/releases').expect(404);
    await admin.post('/api/studio/documents/widget/x/releases').expect(404);
  });
});
