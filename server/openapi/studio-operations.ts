/** The studio's operations: sign-in, documents, versions and releases, variants, users and audit. */
import { ANY_DOCUMENT, arrayOf, BUNDLE_ID, DOCUMENT_ID, ID, KIND, path, query, schema, VERSION, type Operation } from './operation.ts';
import { XLSX_TYPE as XLSX } from '../http/xlsx.ts';

const USERNAME = path('username', '用户名', 'suzhou');
const IF_MATCH = {
  name: 'If-Match',
  in: 'header' as const,
  required: true,
  description: '当前修订的 ETag，如 "3"',
  schema: { type: 'string' },
  example: '"1"',
};

/** Operations by path and method. */
export const STUDIO_OPERATIONS: Record<string, Record<string, Operation>> = {
  '/api/studio/login': {
    post: {
      id: 'login',
      tag: 'auth',
      access: 'public',
      summary: '登录',
      description: '成功时设置会话 Cookie（HttpOnly、SameSite=Strict）并返回写操作所需的 CSRF 令牌。连续失败会被限制。',
      body: { schema: schema('LoginRequest'), description: '用户名与密码' },
      ok: { status: 200, description: '用户与 CSRF 令牌', schema: schema('LoginResponse') },
      problems: [400, 401, 403, 429],
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
  '/api/studio/me/password': {
    post: {
      id: 'changeOwnPassword',
      tag: 'auth',
      access: 'write',
      summary: '修改自己的密码',
      description: '需要当前密码；新密码至少 12 个字符、不只一类字符、不含用户名、不是常见密码。其他会话随即结束，当前会话保留。',
      body: { schema: schema('PasswordChange'), description: '当前密码与新密码' },
      ok: { status: 204, description: '已修改' },
      problems: [400, 401, 403, 422],
    },
  },
  '/api/studio/users/{username}': {
    patch: {
      id: 'updateUser',
      tag: 'admin',
      access: 'write',
      summary: '修改用户（管理员）',
      description: '角色、地区，或停用 / 启用；停用后该账号的会话立即结束。不能停用自己或唯一可用的管理员。',
      params: [USERNAME],
      body: { schema: schema('UserChange'), description: '要改的内容' },
      ok: { status: 200, description: '修改后的账号', schema: schema('UserAccount') },
      problems: [401, 403, 404, 409, 422],
    },
    delete: {
      id: 'deleteUser',
      tag: 'admin',
      access: 'write',
      summary: '删除用户（管理员）',
      description: '会话与受信任设备一并删除；不能删除自己或唯一可用的管理员。',
      params: [USERNAME],
      ok: { status: 204, description: '已删除' },
      problems: [401, 403, 404, 409],
    },
  },
  '/api/studio/users/{username}/password': {
    post: {
      id: 'resetPassword',
      tag: 'admin',
      access: 'write',
      summary: '重置密码（管理员）',
      description: '设置新密码，该账号的会话随即结束。',
      params: [USERNAME],
      body: { schema: schema('PasswordReset'), description: '新密码' },
      ok: { status: 204, description: '已重置' },
      problems: [401, 403, 404, 422],
    },
  },
  '/api/studio/users': {
    get: {
      id: 'listUsers',
      tag: 'admin',
      access: 'session',
      summary: '用户列表（管理员）',
      description: '全部用户及其角色、地区。',
      ok: { status: 200, description: '用户', schema: arrayOf('UserAccount') },
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
      description:
        '当前用户可见的全部文档（当前修订）、可见的版本与行政区划。市级用户看不到省级草稿：只看到在用版本所依据的省级内容（served 标明各一件事在用的版本），以及本市自己的文档。',
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
      params: [KIND, ID, IF_MATCH],
      body: { schema: ANY_DOCUMENT, description: '文档内容' },
      ok: { status: 200, description: '已保存', schema: schema('DocumentView') },
      problems: [400, 401, 403, 404, 412, 422, 428],
    },
  },
  '/api/studio/documents/{kind}/{id}/revisions': {
    get: {
      id: 'listRevisions',
      tag: 'documents',
      access: 'session',
      summary: '文档的修改记录',
      description:
        '最近 50 个修订，新的在前，每个修订附与上一修订相比的业务变化（数据元的长度与选项、材料的电子证照、节假日、事项的时限与材料等）。',
      params: [KIND, ID],
      ok: { status: 200, description: '修改记录', schema: arrayOf('RevisionView') },
      problems: [401, 403, 404],
    },
  },
  '/api/studio/documents/{kind}/{id}/releases': {
    get: {
      id: 'listReleases',
      tag: 'lifecycle',
      access: 'session',
      summary: '文档的发布记录',
      description: '有独立生命周期的文档每次发布的修订：工作日历（全省）、地方版本与地市自有事项（各地市）。市级用户只能查看本市的。',
      params: [KIND, DOCUMENT_ID],
      ok: { status: 200, description: '发布记录', schema: arrayOf('ReleaseView') },
      problems: [401, 404],
    },
    post: {
      id: 'releaseDocument',
      tag: 'lifecycle',
      access: 'write',
      summary: '发布文档的当前草稿',
      description:
        '工作日历由省级管理员发布，发布后立即用于全部在用版本的办结日期，无需重新发布一件事。' +
        '地方版本与地市自有事项由本市编辑或管理员发布：保存只是草稿，发布后本市才对外提供；发布前重新检查省级锁定与必办事项，违反则 422；与上次发布相同则 409。',
      params: [KIND, DOCUMENT_ID],
      ok: { status: 201, description: '新的发布', schema: schema('ReleaseView') },
      problems: [401, 403, 404, 409, 422],
    },
  },
  '/api/studio/documents/{kind}/{id}/cases/record': {
    post: {
      id: 'recordCases',
      tag: 'documents',
      access: 'write',
      summary: '按当前结果重新记录用例',
      description:
        '服务器编译一件事或地方版本的当前草稿，把所列用例的预期结果改为现在的结果并保存（需要 If-Match），审计日志记下谁接受了哪项变化。' +
        '地方版本重新记录省级用例时保存为本市的同名用例。用例结果变化未重新记录时不能发布。',
      params: [KIND, DOCUMENT_ID, IF_MATCH],
      body: { schema: schema('CaseRecordRequest'), description: '要重新记录的用例标识' },
      ok: { status: 200, description: '已保存', schema: schema('DocumentView') },
      problems: [401, 403, 404, 412, 422, 428],
    },
  },
  '/api/studio/reductions': {
    get: {
      id: 'listReductions',
      tag: 'documents',
      access: 'session',
      summary: '四减统计（全部一件事 × 全部地区）',
      description:
        '每个地区在用的每个一件事、每个办事情形（全部事项勾选时）的填写字段、提交材料、办理时限、办理环节、跑动次数，减前与减后。',
      ok: { status: 200, description: '四减', schema: schema('ReductionsView') },
      problems: [401],
    },
  },
  '/api/studio/reductions.csv': {
    get: {
      id: 'exportReductionsCsv',
      tag: 'documents',
      access: 'session',
      summary: '四减统计（CSV）',
      description: 'UTF-8（带 BOM，Excel 直接打开）的 CSV，列为中文。',
      ok: { status: 200, description: 'CSV 文件', type: 'text/csv', schema: { type: 'string' } },
      problems: [401],
    },
  },
  '/api/studio/catalog/matters.xlsx': {
    get: {
      id: 'exportCatalogXlsx',
      tag: 'documents',
      access: 'session',
      summary: '导出事项目录（Excel）',
      description: '工作表「事项」「字段」「材料」，每行一个事项、字段或材料，首行冻结。设区市用户导出全省事项和本市的地方事项。',
      ok: { status: 200, description: 'Excel 文件', type: XLSX, schema: { type: 'string', format: 'binary' } },
      problems: [401],
    },
    post: {
      id: 'importCatalogXlsx',
      tag: 'documents',
      access: 'write',
      summary: '导入事项目录（Excel）',
      description:
        '上传导出格式的工作簿。全部行有效才写入（一个事务，期间被他人修改的事项使整个导入 409）；任何一行有误则 422，' +
        '逐条列出工作表、行和列，且不修改任何事项。`?dryRun=1` 只返回将新建、修改的事项和影响分析。设区市用户导入的行均为本市地方事项。',
      params: [query('dryRun', '为 1 时只检查和分析影响，不写入', { type: 'string', enum: ['1'] }, '1')],
      body: { schema: { type: 'string', format: 'binary' }, description: 'Excel 工作簿（.xlsx）', type: XLSX },
      ok: { status: 200, description: '导入结果（或试导入的报告）', schema: schema('CatalogImportReport') },
      problems: [400, 401, 403, 409, 413, 415, 422],
    },
  },
  '/api/studio/reductions.xlsx': {
    get: {
      id: 'exportReductionsXlsx',
      tag: 'documents',
      access: 'session',
      summary: '四减统计（Excel）',
      description: 'Excel 工作簿（.xlsx），首行冻结。',
      ok: {
        status: 200,
        description: 'Excel 文件',
        type: XLSX,
        schema: { type: 'string', format: 'binary' },
      },
      problems: [401],
    },
  },
  '/api/studio/impact': {
    post: {
      id: 'analyseImpact',
      tag: 'documents',
      access: 'write',
      summary: '保存前的影响分析（不保存）',
      description:
        '给出修改后的文档（事项、字典、材料字典、工作日历、一件事、地方版本），返回它会影响的每个一件事在全省和各有地方版本的设区市的业务变化、' +
        '不再能套用的本市调整，以及结果会改变的用例。什么也不保存；只有能保存该文档的用户可以询问。',
      body: { schema: schema('ImpactRequest'), description: '修改后的文档' },
      ok: { status: 200, description: '影响', schema: schema('ImpactReport') },
      problems: [400, 401, 403, 422],
    },
  },
  '/api/studio/bundles/{id}/simulation': {
    get: {
      id: 'simulateBundle',
      tag: 'documents',
      access: 'session',
      summary: '模拟一件事的全部办理路径',
      description:
        '办事情形 × 情形问题的回答 × 可选事项的每一种组合（超过 4096 种时按固定种子抽样），按运行端的判断逐条办理：' +
        '路径数，字段、材料、事项、规则的覆盖（从未到达的、每条路径都到达的），时限分布，四减，发现的问题。省级按草稿，设区市按本市版本。',
      params: [BUNDLE_ID],
      ok: { status: 200, description: '模拟结果', schema: schema('SimulationReport') },
      problems: [401, 404],
    },
  },
  '/api/studio/bundles/{id}/cases': {
    get: {
      id: 'listCases',
      tag: 'documents',
      access: 'session',
      summary: '一件事的用例及当前结果',
      description:
        '省级：按草稿重新运行的用例；设区市：按本市地方版本草稿（没有时按本市在用版本）重新运行，含继承的省级用例。每个用例给出记录的结果、现在的结果和变化。',
      params: [BUNDLE_ID],
      ok: { status: 200, description: '用例', schema: schema('CaseList') },
      problems: [401, 404],
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
      description:
        '提交试运行（选择试点地区）或正式发布；有错误诊断、或相对最新在用版本没有业务变化的草稿不能发布。带同一 Idempotency-Key 的重复请求得到同一个版本。',
      params: [
        BUNDLE_ID,
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: '一次发布操作的标识；重复发送（如连点两次）只生成一个版本',
          schema: { type: 'string' },
          example: 'publish-3f2a9c',
        },
      ],
      body: { schema: schema('NewVersionRequest'), description: '新版本的状态与试点地区' },
      ok: { status: 201, description: '新版本', schema: schema('VersionView') },
      problems: [400, 401, 403, 404, 409, 422],
    },
  },
  '/api/studio/bundles/{id}/versions/preview': {
    post: {
      id: 'previewVersion',
      tag: 'lifecycle',
      access: 'write',
      summary: '发布前预览（管理员）',
      description:
        '不发布任何内容：草稿相对最新在用版本的业务变化、诊断，以及每个有地方版本的设区市会自动跟随还是有冲突（冲突的设区市继续提供原版本）。',
      params: [BUNDLE_ID],
      body: { schema: schema('NewVersionRequest'), description: '将要生成的版本状态' },
      ok: { status: 200, description: '预览', schema: schema('PublishPreview') },
      problems: [401, 403, 404, 409, 422],
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
