import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deadline, prepareCalendar } from '../../schemas/index.ts';
import { loadDefinitions } from '../../server/catalog/shipped.ts';
import { todayInChina } from '../../server/runtime/plan.ts';
import { startServer, type Client, type TestServer } from '../server/harness.ts';

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

it('plans with the published calendar while the calendar draft changes', async () => {
  const draft = (await admin.get('/api/studio/documents/calendar/calendar')).body;
  const today = Date.now() + 8 * 3600_000;
  const next60 = Array.from({ length: 60 }, (_, i) => new Date(today + i * 86_400_000).toISOString().slice(0, 10));
  const holidays = [...new Set([...draft.body.holidays, ...next60])].sort();
  await admin.put('/api/studio/documents/calendar/calendar', { ...draft.body, holidays }, `"${draft.rev}"`).expect(200);
  const plan = await due('JSRS-JY-0101,JSRS-SY-0101');
  expect(plan.due).toBe(deadline(todayInChina(), plan.days, shipped));
});
