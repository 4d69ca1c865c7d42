/**
 * OpenAPI 3.1 description of every route (a test fails when a route is missing here).
 * Schemas of the documents are referenced from the JSON Schemas in schemas/.
 */
import { DOCUMENT_SCHEMAS } from '../schemas/index.ts';

type Op = Record<string, unknown>;

const problem = {
  description: '问题详情（RFC 9457）',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};
const json = (description: string, schema: Op = { type: 'object' }, example?: unknown) => ({
  description,
  content: { 'application/json': { schema, ...(example === undefined ? {} : { example }) } },
});
const param = (name: string, description: string, example?: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
  ...(example ? { example } : {}),
});
const region = param('region', '行政区划代码（江苏省 320000，设区市 320100–321300）', '320000');
const ref = param('ref', '一件事标识，或 id@版本号 固定版本', 'unemployment');
const kind = param('kind', '文档类型：dictionary、materials、calendar、matter、bundle、variant', 'matter');
const cached = { ETag: { schema: { type: 'string' } }, 'Cache-Control': { schema: { type: 'string' } } };

function op(summary: string, responses: Record<string, unknown>, extra: Op = {}): Op {
  return { summary, responses: { ...responses, default: problem }, ...extra };
}

/** The OpenAPI document. */
export function openApiDocument(): Op {
  const body = (schema: Op, example?: unknown) => ({
    requestBody: { required: true, content: { 'application/json': { schema, ...(example === undefined ? {} : { example }) } } },
  });
  const studio = { tags: ['studio'], security: [{ session: [] }] };
  const runtime = { tags: ['runtime'] };
  return {
    openapi: '3.1.0',
    info: {
      title: '一件事 Bundle Studio API',
      version: '1.0.0',
      description: '公共运行时接口（无需登录）与工作台接口（需登录，写操作需 X-CSRF-Token）。错误均为 application/problem+json。',
    },
    servers: [{ url: '/' }],
    paths: {
      '/api/health': { get: op('健康检查', { 200: json('正常') }, { tags: ['runtime'] }) },
      '/api/openapi.json': { get: op('本接口说明', { 200: json('OpenAPI 3.1 文档') }, { tags: ['runtime'] }) },
      '/api/regions': {
        get: op(
          '行政区划',
          {
            200: json('江苏省及 13 个设区市', {
              type: 'array',
              items: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } },
            }),
          },
          runtime,
        ),
      },
      '/api/regions/{region}/bundles': {
        get: op('本地区在用的一件事', { 200: json('已发布的，以及试点地区的试运行版本') }, { ...runtime, parameters: [region] }),
      },
      '/api/regions/{region}/bundles/{ref}': {
        get: op(
          '编译后的一件事',
          { 200: { ...json('CompiledBundle'), headers: cached }, 304: { description: '未修改' } },
          { ...runtime, parameters: [region, ref] },
        ),
      },
      '/api/regions/{region}/bundles/{ref}/schema': {
        get: op(
          '申请表的 JSON Schema（2020-12）',
          {
            200: { description: 'JSON Schema', content: { 'application/schema+json': { schema: { type: 'object' } } }, headers: cached },
            304: { description: '未修改' },
          },
          { ...runtime, parameters: [region, ref] },
        ),
      },
      '/api/regions/{region}/bundles/{ref}/ui-schema': {
        get: op(
          'JSON Forms UI Schema',
          { 200: { ...json('UI Schema'), headers: cached }, 304: { description: '未修改' } },
          { ...runtime, parameters: [region, ref] },
        ),
      },
      '/api/regions/{region}/bundles/{ref}/example': {
        get: op(
          '示例申请（完整且有效）',
          { 200: json('示例申请', { type: 'object' }, { scenario: 'main', matters: ['JSRS-JY-0101'], person: { name: '张三' } }) },
          {
            ...runtime,
            parameters: [
              region,
              ref,
              { name: 'scenario', in: 'query', schema: { type: 'string' } },
              { name: 'matters', in: 'query', description: '逗号分隔的事项编码', schema: { type: 'string' } },
            ],
          },
        ),
      },
      '/api/regions/{region}/bundles/{ref}/diff': {
        get: op(
          '业务差异：地方版本相对省级（against=base），或相对本地区另一版本（against=版本号）',
          { 200: json('from、to、changes（事项增删、必选变化、字段、材料、时限）') },
          { ...runtime, parameters: [region, ref, { name: 'against', in: 'query', schema: { type: 'string', default: 'base' } }] },
        ),
      },
      '/api/regions/{region}/bundles/{ref}/guide': {
        get: op(
          '可打印的办事指南',
          { 200: { description: 'HTML', content: { 'text/html': {} } } },
          { ...runtime, parameters: [region, ref] },
        ),
      },
      '/api/regions/{region}/bundles/{ref}/applications/validate': {
        post: op(
          '校验申请并拆分到各事项',
          {
            200: json('有效，含办理计划与各事项办结日期', {
              type: 'object',
              properties: { valid: { const: true }, plan: { type: 'object' } },
            }),
            422: problem,
          },
          { ...runtime, parameters: [region, ref], ...body({ type: 'object' }) },
        ),
      },
      '/api/studio/login': {
        post: op(
          '登录',
          { 200: json('用户与 CSRF 令牌'), 401: problem, 429: problem },
          {
            tags: ['studio'],
            ...body({
              type: 'object',
              required: ['username', 'password'],
              properties: { username: { type: 'string' }, password: { type: 'string' } },
            }),
          },
        ),
      },
      '/api/studio/logout': { post: op('退出', { 204: { description: '已退出' } }, studio) },
      '/api/studio/session': {
        get: op('当前会话（未登录时 user 为 null）', { 200: json('用户与 CSRF 令牌，或 { user: null }') }, { tags: ['studio'] }),
      },
      '/api/studio/me': { get: op('当前用户', { 200: json('用户与 CSRF 令牌') }, studio) },
      '/api/studio/users': {
        get: op('用户列表（管理员）', { 200: json('用户') }, studio),
        post: op('新建用户（管理员）', { 201: json('已创建'), 409: problem, 422: problem }, { ...studio, ...body({ type: 'object' }) }),
      },
      '/api/studio/definitions': {
        get: op('当前可见的全部文档、版本与行政区划（工作台启动时加载）', { 200: json('documents、versions、regions') }, studio),
      },
      '/api/studio/documents/{kind}': {
        get: op('文档列表', { 200: json('文档当前版本') }, { ...studio, parameters: [kind] }),
        post: op(
          '新建文档',
          { 201: json('已创建'), 409: problem, 422: problem },
          { ...studio, parameters: [kind], ...body({ type: 'object' }) },
        ),
      },
      '/api/studio/documents/{kind}/{id}': {
        get: op('读取文档', { 200: json('文档，ETag 为版本号') }, { ...studio, parameters: [kind, param('id', '文档标识')] }),
        put: op(
          '更新文档（需 If-Match）',
          { 200: json('已保存'), 412: problem, 428: problem },
          {
            ...studio,
            parameters: [kind, param('id', '文档标识'), { name: 'If-Match', in: 'header', required: true, schema: { type: 'string' } }],
            ...body({ type: 'object' }),
          },
        ),
      },
      '/api/studio/compile': {
        post: op(
          '编译草稿（不保存）',
          { 200: json('CompiledBundle 与诊断') },
          {
            ...studio,
            ...body({
              type: 'object',
              properties: { bundle: { type: 'object' }, variant: { type: 'object' }, region: { type: 'string' } },
            }),
          },
        ),
      },
      '/api/studio/bundles/{id}/versions': {
        get: op('版本列表', { 200: json('版本与状态') }, { ...studio, parameters: [param('id', '一件事标识')] }),
        post: op(
          '由草稿生成新版本（试运行或正式上线）',
          { 201: json('新版本'), 422: problem },
          {
            ...studio,
            parameters: [param('id', '一件事标识')],
            ...body({
              type: 'object',
              properties: { state: { enum: ['trial', 'published'] }, pilotRegions: { type: 'array', items: { type: 'string' } } },
            }),
          },
        ),
      },
      '/api/studio/bundles/{id}/versions/{version}': {
        get: op(
          '某一版本（含内容）',
          { 200: json('版本与其一件事文档') },
          { ...studio, parameters: [param('id', '一件事标识'), param('version', '版本号')] },
        ),
      },
      '/api/studio/variants/status': {
        get: op('各设区市地方版本状态：已是最新 / 落后 / 有冲突', { 200: json('每个地方版本一行') }, studio),
      },
      '/api/studio/bundles/{id}/versions/{version}/state': {
        post: op(
          '改变版本状态',
          { 200: json('新状态'), 409: problem },
          {
            ...studio,
            parameters: [param('id', '一件事标识'), param('version', '版本号')],
            ...body({
              type: 'object',
              properties: {
                state: { enum: ['trial', 'published', 'retired'] },
                pilotRegions: { type: 'array', items: { type: 'string' } },
              },
            }),
          },
        ),
      },
      '/api/studio/audit': {
        get: op(
          '审计日志（管理员）',
          { 200: json('最新在前') },
          {
            ...studio,
            parameters: [
              { name: 'limit', in: 'query', schema: { type: 'integer' } },
              { name: 'before', in: 'query', schema: { type: 'integer' } },
            ],
          },
        ),
      },
    },
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'yjs_session' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['title', 'status'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
        ...Object.fromEntries(Object.entries(DOCUMENT_SCHEMAS).map(([k, s]) => [k, { $ref: String(s.$id) }])),
      },
    },
  };
}
