/** The public runtime's operations: no login, only what is published. */
import { arrayOf, path, query, REF, REGION, schema, type Operation } from './operation.ts';

const runtime = (op: Omit<Operation, 'tag' | 'access'>): Operation => ({ ...op, tag: 'runtime', access: 'public' });
const bundleRoute = [REGION, REF];

/** Operations by path and method. */
export const RUNTIME_OPERATIONS: Record<string, Record<string, Operation>> = {
  '/api/health': {
    get: runtime({
      id: 'getHealth',
      summary: '存活检查',
      description: '进程在运行即返回 ok。',
      ok: { status: 200, description: '正常', schema: schema('Health') },
      problems: [],
    }),
  },
  '/api/ready': {
    get: runtime({
      id: 'getReadiness',
      summary: '就绪检查',
      description: '数据存储可用时返回 ready；负载均衡据此决定是否转发请求。',
      ok: { status: 200, description: '就绪', schema: schema('Readiness') },
      problems: [503],
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
  '/api/parameters': {
    get: runtime({
      id: 'getParameters',
      summary: '当前发布的政策参数',
      description:
        '规则以 {"param": 名称} 引用的政策参数，每个取值有施行日期和依据；规则取办理之日有效的值。参数另行发布，草稿不影响申请人；前端自行评估规则时使用。',
      ok: { status: 200, description: '政策参数', schema: schema('PublishedParameters'), cached: true },
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
      problems: [404, 410],
    }),
  },
  '/api/regions/{region}/bundles/{ref}/schema': {
    get: runtime({
      id: 'getApplicationSchema',
      summary: '申请表的 JSON Schema（2020-12）',
      description: '任何符合 2020-12 的校验器都可用它校验申请；依勾选而定的必填用 if/then 表达。',
      params: bundleRoute,
      ok: { status: 200, description: 'JSON Schema', schema: { type: 'object' }, type: 'application/schema+json', cached: true },
      problems: [404, 410],
    }),
  },
  '/api/regions/{region}/bundles/{ref}/ui-schema': {
    get: runtime({
      id: 'getUiSchema',
      summary: 'JSON Forms UI Schema',
      description: '按分组排列的控件与依勾选显示的规则。',
      params: bundleRoute,
      ok: { status: 200, description: 'UI Schema', schema: schema('UiElement'), cached: true },
      problems: [404, 410],
    }),
  },
  '/api/regions/{region}/bundles/{ref}/rules': {
    get: runtime({
      id: 'getRules',
      summary: '受理条件与智能审核规则',
      description:
        '一件事在本地区的全部规则，每条为 JSON Logic（jsonlogic.com）表达式，为真则通过；已含适用范围（所属事项被勾选、所在办事情形），' +
        '不适用时为真。severity 为 reject 的不予受理，warn 的仅提示。除 JSON Logic 自带运算外，还用到本服务的领域运算（idBirthDate、age、' +
        'retirementDate 等，见 README）。数据为申请本身加上 applicationDate（申请日期，YYYY-MM-DD）。标有 each: employees 的为逐人规则：' +
        '对职工名单（employees）的每一项分别判断，数据为申请中只填一次的部分加上该职工的各分组；其 paths 中的 * 代表该职工的序号。与 schema 的 x-rules 相同。',
      params: bundleRoute,
      ok: { status: 200, description: '规则', schema: arrayOf('ExportedRule'), cached: true },
      problems: [404, 410],
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
      problems: [400, 404, 410],
    }),
  },
  '/api/regions/{region}/bundles/{ref}/diff': {
    get: runtime({
      id: 'getBundleDiff',
      summary: '业务差异',
      description: '地方版本相对省级（against=base），或相对本地区另一版本（against=版本号）：事项增删、必选变化、字段、材料、时限。',
      params: [...bundleRoute, query('against', 'base 或版本号', { type: 'string', default: 'base' }, 'base')],
      ok: { status: 200, description: '差异', schema: schema('DiffResponse') },
      problems: [400, 404, 410],
    }),
  },
  '/api/regions/{region}/bundles/{ref}/guide': {
    get: runtime({
      id: 'getGuide',
      summary: '可打印的办事指南',
      description: '中文 HTML，适合手机阅读与 A4 打印，不含脚本。',
      params: bundleRoute,
      ok: { status: 200, description: 'HTML 页面', schema: { type: 'string' }, type: 'text/html', cached: true },
      problems: [404, 410],
    }),
  },
  '/api/regions/{region}/bundles/{ref}/guide.json': {
    get: runtime({
      id: 'getGuideJson',
      summary: '办事指南（JSON）',
      description:
        '与可打印的办事指南同样的内容：各办事情形的情形问题、不予受理情形及依据、事项（编码、实施主体、法定与承诺时限、设立依据、办理结果）、一套材料与流程。',
      params: bundleRoute,
      ok: { status: 200, description: '办事指南', schema: schema('Guide'), cached: true },
      problems: [404, 410],
    }),
  },
  '/api/regions/{region}/bundles/{ref}/commitments/{material}': {
    get: runtime({
      id: 'getCommitment',
      summary: '可打印的告知承诺书',
      description:
        '一件事以告知承诺代替的材料的告知承诺书（国办发〔2020〕42号）：承诺事项、承诺内容、核查方式、不实承诺的后果、不适用的情形、签字与日期。中文 HTML，A4 打印，不含脚本。',
      params: [...bundleRoute, path('material', '材料标识', 'separationCert')],
      ok: { status: 200, description: 'HTML 页面', schema: { type: 'string' }, type: 'text/html', cached: true },
      problems: [404, 410],
    }),
  },
  '/api/regions/{region}/bundles/{ref}/applications/validate': {
    post: runtime({
      id: 'validateApplication',
      summary: '校验申请并拆分到各事项',
      description:
        '先按导出的 Schema 校验（含情形问题的回答与条件），再按受理条件与智能审核规则（见 GET …/rules）判断：违反不予受理的规则返回 422，' +
        '逐项给出字段路径与规则的中文说明；违反提示类规则仍予受理，在办理计划的 warnings 中列出。有效时返回办理计划：各事项的字段、材料、' +
        '办理顺序与办结日期（收到当天为非工作日时，自下一个工作日起算；由身份证号推算的出生日期、性别在 derived 中）。' +
        '单位为多名职工一并办理的一件事（如企业录用职工、退工停保），逐人填写的分组在 employees 的每一项中，错误路径形如 /employees/1/person/name，' +
        '说明写明第几名职工；逐人规则对每名职工分别判断。' +
        '工作日历尚未覆盖办结日期所在年份时返回 503。',
      params: bundleRoute,
      body: { schema: schema('Application'), description: '申请：办事情形、情形问题的回答、办理事项与一张表单的各分组' },
      ok: { status: 200, description: '有效，含办理计划', schema: schema('ValidResponse') },
      problems: [400, 404, 410, 413, 415, 422, 429, 503],
    }),
  },
};
