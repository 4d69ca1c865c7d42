/**
 * A portal's client of the public runtime, typed from the OpenAPI document alone:
 * `npm run lint:api` generates `dist/api/openapi-types.ts` with openapi-typescript and
 * type-checks this file under `strict`; a test runs it against a real server.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from '../../dist/api/openapi-types.ts';

/** An application as the OpenAPI document describes it. */
export type Application = components['schemas']['Application'];

/** An application with one more answer to a 情形 question — typed from the document, so no cast is needed. */
export function answered(application: Application, question: string, value: boolean | number | string | string[]): Application {
  return { ...application, answers: { ...application.answers, [question]: value } };
}

/** A client of the runtime at `baseUrl`. */
export function runtimeClient(baseUrl: string) {
  const client = createClient<paths>({ baseUrl });
  return {
    /** The application schema of a bundle in a region. */
    async schema(region: string, ref: string): Promise<Record<string, unknown>> {
      const { data, error } = await client.GET('/api/regions/{region}/bundles/{ref}/schema', { params: { path: { region, ref } } });
      if (error) throw new Error(`${error.status} ${error.detail}`);
      return data;
    },
    /** Validates an application: the plan's due dates, or the problem's field errors. */
    async validate(
      region: string,
      ref: string,
      application: Application,
    ): Promise<{ due: string; matters: { code: string; due: string }[] } | { errors: { path: string; message: string }[] }> {
      const { data, error } = await client.POST('/api/regions/{region}/bundles/{ref}/applications/validate', {
        params: { path: { region, ref } },
        body: application,
      });
      if (error) return { errors: error.errors ?? [] };
      return { due: data.plan.bundle.due, matters: data.plan.matters.map((m) => ({ code: m.code, due: m.due })) };
    },
  };
}
