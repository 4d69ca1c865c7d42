/**
 * The OpenAPI 3.1 document of every route (a test fails when a route is missing here or
 * documented but not served). Request and response schemas are the contract's JSON Schemas,
 * embedded as components; each operation lists the problems it really answers with.
 */
import { PROBLEM_TITLES } from '../http/problem.ts';
import { schemaComponents } from './components.ts';
import { schema, SECURITY, type Json, type Operation } from './operation.ts';
import { RUNTIME_OPERATIONS } from './runtime-operations.ts';
import { STUDIO_OPERATIONS } from './studio-operations.ts';

const JSON_TYPE = 'application/json';
const OPERATIONS = { ...RUNTIME_OPERATIONS, ...STUDIO_OPERATIONS };

const TAGS = [
  { name: 'runtime', description: '公共运行时：无需登录，只提供已发布的内容' },
  { name: 'auth', description: '登录与会话' },
  { name: 'documents', description: '工作台文档：事项、一件事、地方版本、字典与日历' },
  { name: 'lifecycle', description: '版本与发布' },
  { name: 'variants', description: '设区市地方版本' },
  { name: 'admin', description: '用户与审计（管理员）' },
];

function responseOf(op: Operation): Json {
  const { status, description, schema: body, type = JSON_TYPE, cached } = op.ok;
  const ok: Json = { description };
  if (body) ok.content = { [type]: { schema: body } };
  if (cached) ok.headers = { ETag: { $ref: '#/components/headers/ETag' }, 'Cache-Control': { $ref: '#/components/headers/CacheControl' } };
  const out: Json = { [status]: ok };
  if (cached) out['304'] = { description: '未修改（If-None-Match 命中）', headers: { ETag: { $ref: '#/components/headers/ETag' } } };
  for (const p of op.problems) out[p] = { $ref: `#/components/responses/Problem${p}` };
  return out;
}

function operationOf(op: Operation): Json {
  const out: Json = { operationId: op.id, tags: [op.tag], summary: op.summary, description: op.description, security: SECURITY[op.access] };
  if (op.params) out.parameters = op.params;
  if (op.body)
    out.requestBody = {
      required: true,
      description: op.body.description,
      content: { [op.body.type ?? JSON_TYPE]: { schema: op.body.schema } },
    };
  out.responses = responseOf(op);
  return out;
}

/** Every problem status some operation answers with, as a reusable response. */
function problemResponses(): Json {
  const statuses = new Set(Object.values(OPERATIONS).flatMap((ops) => Object.values(ops).flatMap((o) => o.problems)));
  return Object.fromEntries(
    [...statuses]
      .sort()
      .map((s) => [
        `Problem${s}`,
        { description: PROBLEM_TITLES[s] ?? '请求失败', content: { 'application/problem+json': { schema: schema('Problem') } } },
      ]),
  );
}

/** The OpenAPI document. */
export function openApiDocument(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: '一件事 Bundle Studio API',
      version: '1.0.0',
      summary: '人社“一件事”编排工作台与运行时',
      description:
        '公共运行时接口（无需登录，只提供已发布的内容）与工作台接口（需登录，写操作需 X-CSRF-Token）。错误均为 application/problem+json（RFC 9457），含中文说明。',
      contact: { name: '一件事 Bundle Studio 维护者' },
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: 'http://127.0.0.1:8080', description: '本机（npm start 的默认地址）' }],
    tags: TAGS,
    paths: Object.fromEntries(
      Object.entries(OPERATIONS).map(([p, ops]) => [p, Object.fromEntries(Object.entries(ops).map(([m, op]) => [m, operationOf(op)]))]),
    ),
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'yjs_session', description: '登录后设置的会话 Cookie' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: '写操作需要的 CSRF 令牌（登录时返回）' },
      },
      headers: {
        ETag: { description: '内容的实体标签，用于 If-None-Match', schema: { type: 'string' } },
        CacheControl: { description: '缓存策略', schema: { type: 'string' } },
      },
      responses: problemResponses(),
      schemas: schemaComponents(),
    },
  };
}
