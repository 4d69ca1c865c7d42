/**
 * The OpenAPI 3.1 document of every route (a test fails when a route is missing here or
 * documented but not served). Request and response schemas are the contract's JSON Schemas,
 * embedded as components; each operation lists the problems it really answers with.
 */
import { DOCUMENT_KINDS, PROVINCE } from '../../schemas/index.ts';
import { PROBLEM_TITLES } from '../http/problem.ts';
import { componentName, schemaComponents } from './components.ts';

type Json = Record<string, unknown>;

const schema = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const arrayOf = (name: string): Json => ({ type: 'array', items: schema(name) });
const JSON_TYPE = 'application/json';

/** Who may call an operation: anyone, a signed-in user, or a signed-in user writing (CSRF token too). */
type Access = 'public' | 'session' | 'write';
const SECURITY: Record<Access, Json[]> = { public: [], session: [{ session: [] }], write: [{ session: [], csrf: [] }] };

interface Operation {
  id: string;
  tag: 'runtime' | 'auth' | 'documents' | 'lifecycle' | 'variants' | 'admin';
  summary: string;
  description: string;
  access: Access;
  params?: Json[];
  body?: { schema: Json; description: string };
  /** The success status, its schema (or none) and content type. */
  ok: { status: number; description: string; schema?: Json; type?: string; cached?: boolean };
  /** The problem statuses the operation answers with. */
  problems: number[];
}

const path = (name: string, description: string, example: string): Json => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
  example,
});
const query = (name: string, description: string, schemaOf: Json, example?: string): Json => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: schemaOf,
  ...(example === undefined ? {} : { example }),
});
const REGION = path('region', `行政区划代码（江苏省 ${PROVINCE}，设区市 320100–321300）`, PROVINCE);
const REF = path('ref', '一件事标识，或 id@版本号 固定某一版本', 'unemployment');
const KIND = { ...path('kind', `文档类型：${DOCUMENT_KINDS.join('、')}`, 'matter'), schema: { type: 'string', enum: [...DOCUMENT_KINDS] } };
const ID = path('id', '文档标识：事项编码、一件事或地方版本的标识；字典与日历为其类型名', 'JSRS-JY-0101');
const BUNDLE_ID = path('id', '一件事标识', 'unemployment');
const VERSION = path('version', '版本号', '1');
const DOCUMENT_ID = path('id', '有独立发布的文档的标识（工作日历为 calendar）', 'calendar');

/** A document body of any kind. */
const ANY_DOCUMENT: Json = {
  anyOf: ['dictionary', 'materials', 'calendar', 'matter', 'bundle', 'variant'].map((f) => schema(componentName(f as 'bundle'))),
};

const runtime = (op: Omit<Operation, 'tag' | 'access'>): Operation => ({ ...op, tag: 'runtime', access: 'public' });
const bundleRoute = [REGION, REF];

const OPERATIONS: Record<string, Record<string, Operation>> = {
  '/api/health': {
    get: runtime({
      id: 'getHealth',
      summary: '存活检查',
      description: '进程在运行即返回 ok。',
      ok: { status: 200, description: '正常', schema: schema('Health') },
      problems: [],
    }),
  },
  '/api/openapi.json': {
    get: runtime({
      id: 'getOpenApi',
      summary: '本接口说明',
      description: 'OpenAPI 3.1 文档（即本文档）。',
      ok: { status: 200, description: 'OpenAPI 3.1 文档', schema: { type: 'object' } },
      problems: [],
    }),
  },
  '/api/regions': {
    get: runtime({
      id: 'listRegions',
      summary: '行政区划',
      description: '江苏省及 13 个设区市，省在前。',
      ok: { status: 200, description: '行政区划列表', schema: arrayOf('RegionSummary'), cached: true },
      problems: [],
    }),
  },
  '/api/calendar': {
    get: runtime({
      id: 'getCalendar',
      summary: '当前发布的工作日历',
      description: '办理计划的办结日期按此日历计算；日历另行发布，草稿不影响申请人。',
      ok: { status: 200, description: '工作日历', schema: schema('PublishedCalendar'), cached: true },
      problems: [],
    }),
  },
  '/api/regions/{region}/bundles': {
    get: runtime({
      id: 'listBundles',
      summary: '本地区在用的一件事',
      description: '已发布的，以及本地区为试点的试运行版本。',
      params: [REGION],
      ok: { status: 200, description: '一件事列表', schema: arrayOf('BundleSummary') },
      problems: [404],
    }),
  },
  '/api/regions/{region}/bundles/{ref}': {
    get: runtime({
      id: 'getBundle',
      summary: '编译后的一件事',
      description: '办事情形、事项、一张表单、一套材料、时限、四减与办事指南模型。',
      params: bundleRoute,
      ok: { status: 200, description: '编译结果', schema: schema('CompiledBundle'), cached: true },
      problems: [404],
    }),
  },
  '/api/regions/{region}/bundles/{ref}/schema': {
    get: runtime({
      id: 'getApplicationSchema',
      summary: '申请表的 JSON Schema（2020-12）',
      description: '任何符合 2020-12 的校验器都可用它校验申请；依勾选而定的必填用 if/then 表达。',
      params: bundleRoute,
      ok: { status: 200, description: 'JSON Schema', schema: { type: 'object' }, type: 'application/schema+json', cached: true },
      problems: [404],
    }),
  },
  '/api/regions/{region}/bundles/{ref}/ui-schema': {
    get: runtime({
      id: 'getUiSchema',
      summary: 'JSON Forms UI Schema',
      description: '按分组排列的控件与依勾选显示的规则。',
      params: bundleRoute,
      ok: { status: 200, description: 'UI Schema', schema: schema('UiElement'), cached: true },
      problems: [404],
    }),
  },
  '/api/regions/{region}/bundles/{ref}/example': {
    get: runtime({
      id: 'getExampleApplication',
      summary: '示例申请',
      description: '由编译器生成的完整且有效的申请，默认第一个办事情形并勾选全部事项。',
      params: [
        ...bundleRoute,
        query('scenario', '办事情形标识', { type: 'string' }, 'main'),
        query('matters', '逗号分隔的事项编码', { type: 'string' }, 'JSRS-JY-0101,JSRS-SY-0101'),
      ],
      ok: { status: 200, description: '示例申请', schema: schema('Application') },
      problems: [400, 404],
    }),
  },
  '/api/regions/{region}/bundles/{ref}/diff': {
    get: runtime({
      id: 'getBundleDiff',
      summary: '业务差异',
      description: '地方版本相对省级（against=base），或相对本地区另一版本（against=版本号）：事项增删、必选变化、字段、材料、时限。',
      params: [...bundleRoute, query('against', 'base 或版本号', { type: 'string', default: 'base' }, 'base')],
      ok: { status: 200, description: '差异', schema: schema('DiffResponse') },
      problems: [400, 404],
    }),
  },
  '/api/regions/{region}/bundles/{ref}/guide': {
    get: runtime({
      id: 'getGuide',
      summary: '可打印的办事指南',
      description: '中文 HTML，适合手机阅读与 A4 打印，不含脚本。',
      params: bundleRoute,
      ok: { status: 200, description: 'HTML 页面', schema: { type: 'string' }, type: 'text/html', cached: true },
      problems: [404],
    }),
  },
  '/api/regions/{region}/bundles/{ref}/applications/validate': {
    post: runtime({
      id: 'validateApplication',
      summary: '校验申请并拆分到各事项',
      description: '有效时返回办理计划：各事项的字段、材料、办理顺序与办结日期；无效时 422 逐项给出字段路径与中文说明。',
      params: bundleRoute,
      body: { schema: schema('Application'), description: '申请：办事情形、办理事项与一张表单的各分组' },
      ok: { status: 200, description: '有效，含办理计划', schema: schema('ValidResponse') },
      problems: [400, 404, 413, 415, 422],
    }),
  },
  '/api/studio/login': {
    post: {
      id: 'login',
      tag: 'auth',
      access: 'public',
      summary: '登录',
      description: '成功时设置会话 Cookie（HttpOnly、SameSite=Strict）并返回写操作所需的 CSRF 令牌。连续失败会被限制。',
      body: { schema: schema('LoginRequest'), description: '用户名与密码' },
      ok: { status: 200, description: '用户与 CSRF 令牌', schema: schema('LoginResponse') },
      problems: [400, 401, 429],
    },
  },
  '/api/studio/logout': {
    post: {
      id: 'logout',
      tag: 'auth',
      access: 'write',
      summary: '退出',
      description: '结束当前会话。',
      ok: { status: 204, description: '已退出' },
      problems: [401, 403],
    },
  },
  '/api/studio/session': {
    get: {
      id: 'getSession',
      tag: 'auth',
      access: 'public',
      summary: '当前会话',
      description: '工作台启动时询问；未登录时 user 为 null。',
      ok: { status: 200, description: '会话', schema: schema('SessionView') },
      problems: [],
    },
  },
  '/api/studio/me': {
    get: {
      id: 'getMe',
      tag: 'auth',
      access: 'session',
      summary: '当前用户',
      description: '当前用户与 CSRF 令牌。',
      ok: { status: 200, description: '用户与 CSRF 令牌', schema: schema('LoginResponse') },
      problems: [401],
    },
  },
  '/api/studio/users': {
    get: {
      id: 'listUsers',
      tag: 'admin',
      access: 'session',
      summary: '用户列表（管理员）',
      description: '全部用户及其角色、地区。',
      ok: { status: 200, description: '用户', schema: arrayOf('User') },
      problems: [401, 403],
    },
    post: {
      id: 'createUser',
      tag: 'admin',
      access: 'write',
      summary: '新建用户（管理员）',
      description: '设区市编辑须绑定所在的市。',
      body: { schema: schema('NewUser'), description: '新用户' },
      ok: { status: 201, description: '已创建', schema: schema('User') },
      problems: [400, 401, 403, 409, 422],
    },
  },
  '/api/studio/definitions': {
    get: {
      id: 'getDefinitions',
      tag: 'documents',
      access: 'session',
      summary: '工作台启动时加载的全部内容',
      description: '当前用户可见的全部文档（当前修订）、全部版本与行政区划。',
      ok: { status: 200, description: '文档、版本与行政区划', schema: schema('DefinitionsView') },
      problems: [401],
    },
  },
  '/api/studio/documents/{kind}': {
    get: {
      id: 'listDocuments',
      tag: 'documents',
      access: 'session',
      summary: '文档列表',
      description: '某类文档的当前修订（不含内容）。',
      params: [KIND],
      ok: { status: 200, description: '文档', schema: arrayOf('DocumentHead') },
      problems: [401, 404],
    },
    post: {
      id: 'createDocument',
      tag: 'documents',
      access: 'write',
      summary: '新建文档',
      description: '内容须符合该类文档的 Schema；地方版本须在省级约束之内。',
      params: [KIND],
      body: { schema: ANY_DOCUMENT, description: '文档内容' },
      ok: { status: 201, description: '已创建', schema: schema('DocumentView') },
      problems: [400, 401, 403, 404, 409, 422],
    },
  },
  '/api/studio/documents/{kind}/{id}': {
    get: {
      id: 'getDocument',
      tag: 'documents',
      access: 'session',
      summary: '读取文档',
      description: '当前修订；ETag 为修订号，更新时作为 If-Match。',
      params: [KIND, ID],
      ok: { status: 200, description: '文档', schema: schema('DocumentView') },
      problems: [401, 403, 404],
    },
    put: {
      id: 'updateDocument',
      tag: 'documents',
      access: 'write',
      summary: '更新文档',
      description: '需要 If-Match（当前修订的 ETag）；他人先保存时 412 并附最新内容，不覆盖任何修改。',
      params: [
        KIND,
        ID,
        {
          name: 'If-Match',
          in: 'header',
          required: true,
          description: '当前修订的 ETag，如 "3"',
          schema: { type: 'string' },
          example: '"1"',
        },
      ],
      body: { schema: ANY_DOCUMENT, description: '文档内容' },
      ok: { status: 200, description: '已保存', schema: schema('DocumentView') },
      problems: [400, 401, 403, 404, 412, 422, 428],
    },
  },
  '/api/studio/documents/{kind}/{id}/releases': {
    get: {
      id: 'listReleases',
      tag: 'lifecycle',
      access: 'session',
      summary: '文档的发布记录',
      description: '有独立生命周期的文档（工作日历）每次发布的修订。',
      params: [KIND, DOCUMENT_ID],
      ok: { status: 200, description: '发布记录', schema: arrayOf('ReleaseView') },
      problems: [401, 404],
    },
    post: {
      id: 'releaseDocument',
      tag: 'lifecycle',
      access: 'write',
      summary: '发布文档的当前草稿（管理员）',
      description: '工作日历发布后立即用于全部在用版本的办结日期，无需重新发布一件事。',
      params: [KIND, DOCUMENT_ID],
      ok: { status: 201, description: '新的发布', schema: schema('ReleaseView') },
      problems: [401, 403, 404, 409, 422],
    },
  },
  '/api/studio/compile': {
    post: {
      id: 'compileDraft',
      tag: 'documents',
      access: 'write',
      summary: '编译草稿（不保存）',
      description: '一件事草稿、地方版本（在其所基于的省级版本上），或给定一件事上的地方版本。',
      body: { schema: schema('CompileRequest'), description: '要编译的草稿' },
      ok: { status: 200, description: '编译结果与诊断', schema: schema('CompiledBundle') },
      problems: [400, 401, 403, 422],
    },
  },
  '/api/studio/bundles/{id}/versions': {
    get: {
      id: 'listVersions',
      tag: 'lifecycle',
      access: 'session',
      summary: '版本列表',
      description: '一件事的全部版本与状态。',
      params: [BUNDLE_ID],
      ok: { status: 200, description: '版本', schema: arrayOf('VersionView') },
      problems: [401],
    },
    post: {
      id: 'createVersion',
      tag: 'lifecycle',
      access: 'write',
      summary: '由草稿生成新版本（管理员）',
      description: '提交试运行（选择试点地区）或正式发布；有错误诊断的草稿不能发布。',
      params: [BUNDLE_ID],
      body: { schema: schema('NewVersionRequest'), description: '新版本的状态与试点地区' },
      ok: { status: 201, description: '新版本', schema: schema('VersionView') },
      problems: [400, 401, 403, 404, 422],
    },
  },
  '/api/studio/bundles/{id}/versions/{version}': {
    get: {
      id: 'getVersion',
      tag: 'lifecycle',
      access: 'session',
      summary: '某一版本（含内容）',
      description: '版本化时的一件事文档，供地方版本对比与重新套用。',
      params: [BUNDLE_ID, VERSION],
      ok: { status: 200, description: '版本', schema: schema('VersionRecord') },
      problems: [401, 404],
    },
  },
  '/api/studio/bundles/{id}/versions/{version}/state': {
    post: {
      id: 'changeVersionState',
      tag: 'lifecycle',
      access: 'write',
      summary: '改变版本状态（管理员）',
      description: '试运行 → 已发布 → 已停用；已发布的版本内容不可修改。',
      params: [BUNDLE_ID, VERSION],
      body: { schema: schema('StateChangeRequest'), description: '新状态' },
      ok: { status: 200, description: '新状态', schema: schema('VersionView') },
      problems: [400, 401, 403, 404, 409, 422],
    },
  },
  '/api/studio/variants/status': {
    get: {
      id: 'listVariantStatus',
      tag: 'variants',
      access: 'session',
      summary: '地方版本状态',
      description: '每个地方版本相对省级最新版本：已是最新、落后（已自动套用）或有冲突。',
      ok: { status: 200, description: '每个地方版本一行', schema: arrayOf('VariantStatus') },
      problems: [401],
    },
  },
  '/api/studio/audit': {
    get: {
      id: 'listAudit',
      tag: 'admin',
      access: 'session',
      summary: '审计日志（管理员）',
      description: '最新在前；before 为上一页最后一条的序号。',
      params: [
        query('limit', '条数（1–200）', { type: 'integer', minimum: 1, maximum: 200, default: 50 }),
        query('before', '只看序号小于此值的', { type: 'integer' }),
      ],
      ok: { status: 200, description: '审计日志', schema: arrayOf('AuditEntry') },
      problems: [400, 401, 403],
    },
  },
};

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
  if (op.body) out.requestBody = { required: true, description: op.body.description, content: { [JSON_TYPE]: { schema: op.body.schema } } };
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
