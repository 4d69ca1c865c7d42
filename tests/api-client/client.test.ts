import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/test-server.ts';
import { answered, runtimeClient, type Application } from './client.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('a client generated from the OpenAPI document', () => {
  it('reads a schema and validates applications against the real runtime', async () => {
    const client = runtimeClient(server.url);
    expect(await client.schema('320500', 'unemployment')).toMatchObject({ $id: 'urn:yijianshi:320500:unemployment@1', type: 'object' });
    const example = (await request(server.url).get('/api/regions/320500/bundles/unemployment/example')).body as Application;
    const valid = await client.validate('320500', 'unemployment', example);
    expect(valid).toMatchObject({ due: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const invalid = await client.validate('320500', 'unemployment', { ...example, person: {} });
    expect(invalid).toMatchObject({ errors: expect.arrayContaining([{ path: '/person/name', message: '「姓名」为必填项' }]) });
  });

  it('sends answers to 情形 questions typed from the document alone: a wrong answer is refused in words', async () => {
    const client = runtimeClient(server.url);
    const path = '/api/regions/320000/bundles/work-injury-benefits/example';
    const example = (await request(server.url).get(path)).body as Application;
    expect(await client.validate('320000', 'work-injury-benefits', answered(example, 'recognized', true))).toMatchObject({
      due: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    const wrong = await client.validate('320000', 'work-injury-benefits', answered(example, 'recognized', '是'));
    expect(wrong).toMatchObject({ errors: expect.arrayContaining([expect.objectContaining({ path: '/answers/recognized' })]) });
  });
});
