/**
 * Diagnostics: every expected problem the compiler finds, with a stable code, a severity,
 * the document and JSON Pointer it concerns, and a Chinese message from one table.
 */

/** Stable diagnostic codes; the studio and the API key behaviour on them, so never rename one. */
export const DIAGNOSTIC_CODES = [
  'document.invalid',
  'bundle.unknown',
  'matter.unknown',
  'matter.duplicate',
  'matter.other-region',
  'field.unknown',
  'field.conflict',
  'field.override-unknown',
  'material.unknown',
  'flow.cycle',
  'flow.edge-unknown',
  'flow.contradicts-dependency',
  'flow.reordered',
  'matter.dependency-unknown',
  'matter.visits-originals',
  'material.commitment-not-allowed',
  'item.promise-exceeds-matter',
  'question.duplicate-id',
  'question.no-options',
  'logic.unknown-answer',
  'logic.unknown-field',
  'logic.unknown-matter',
  'logic.excludes-required',
  'group.invalid',
  'rule.invalid',
  'rule.unknown-field',
  'rule.unknown-parameter',
  'rule.case-fails',
  'rule.no-basis',
  'rule.one-sided-cases',
  'scenario.no-selectable-matter',
  'scenario.duplicate-id',
  'scenario.target-mismatch',
  'scenario.guide-incomplete',
  'time.promise-exceeds-critical-path',
  'time.promise-exceeds-legal',
  'time.share-below-minimum',
  'time.calendar-ends',
  'case.changed',
  'case.duplicate-id',
  'variant.base-moved',
  'variant.conflict',
  'roster.unknown-section',
  'roster.shared-condition',
  'roster.mixed-condition',
] as const;

/** A stable diagnostic code. */
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

/** How bad it is: errors block publishing, warnings are shown, infos explain. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * Where a finding is, as data: the scenario (by id), matter (by code), merged field (by id),
 * variant operation (by index), rule and question it concerns. Consumers read this, never the pointer text.
 */
export interface DiagnosticLoc {
  scenario?: string;
  matter?: string;
  field?: string;
  operation?: number;
  /** A rule (its compiled id: `<matter>/<id>` for a matter's). */
  rule?: string;
  /** A 情形 question. */
  question?: string;
  /** A 用例. */
  case?: string;
}

/** One finding of the compiler. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** The document it concerns: `bundle:<id>`, `matter:<code>`, `variant:<id>`, `dictionary`, `materials`, `calendar`. */
  document: string;
  /** JSON Pointer into that document. */
  path: string;
  message: string;
  /** Where it is, when it concerns a scenario, matter, field or operation. */
  loc?: DiagnosticLoc;
}

type Params = Record<string, string | number>;

const MESSAGES: Record<DiagnosticCode, { severity: Severity; text: (p: Params) => string }> = {
  'document.invalid': { severity: 'error', text: (p) => `${p.detail}` },
  'bundle.unknown': { severity: 'error', text: (p) => `找不到一件事「${p.bundle}」` },
  'matter.unknown': { severity: 'error', text: (p) => `引用了不存在的服务事项「${p.matter}」` },
  'matter.duplicate': { severity: 'error', text: (p) => `服务事项「${p.matter}」在同一办事情形中重复出现` },
  'matter.other-region': { severity: 'error', text: (p) => `事项「${p.matter}」是其他设区市的地方事项，不能在本地区使用` },
  'field.unknown': { severity: 'error', text: (p) => `引用了数据字典中不存在的数据元「${p.field}」` },
  'field.conflict': {
    severity: 'error',
    text: (p) =>
      p.alone
        ? `字段「${p.label}」：事项${p.alone}的要求与数据字典矛盾（${p.detail}），采用哪个事项的要求都不能解决，请在事项库中修改该事项的字段要求`
        : `字段「${p.label}」在多个事项中的要求互相矛盾（${p.detail}），请在一张表单中选定采用哪个事项的要求`,
  },
  'field.override-unknown': { severity: 'warning', text: (p) => `字段调整指向的字段「${p.field}」不在本一件事的表单中` },
  'material.unknown': { severity: 'error', text: (p) => `引用了材料字典中不存在的材料「${p.material}」` },
  'flow.cycle': { severity: 'error', text: (p) => `办理顺序出现循环：${p.cycle}` },
  'flow.edge-unknown': { severity: 'error', text: (p) => `办理顺序引用了本情形之外的事项「${p.matter}」` },
  'flow.contradicts-dependency': {
    severity: 'error',
    text: (p) =>
      `办理顺序「${p.before} → ${p.after}」与事项依赖相反：${p.reason}，应先办「${p.after}」。请删除这条连线，或改为「${p.after} → ${p.before}」`,
  },
  'flow.reordered': { severity: 'info', text: (p) => `串行顺序按事项依赖调整为：${p.order}` },
  'matter.dependency-unknown': { severity: 'warning', text: (p) => `前置事项「${p.matter}」不在事项库中` },
  'material.commitment-not-allowed': {
    severity: 'error',
    text: (p) => `材料「${p.material}」在材料字典中不允许告知承诺，事项「${p.matter}」不能对它实行告知承诺`,
  },
  'matter.visits-originals': {
    severity: 'warning',
    text: (p) => `事项「${p.matter}」要求提交纸质原件「${p.material}」，到现场次数却为 0：请改为至少 1 次，或允许电子证照、告知承诺`,
  },
  'item.promise-exceeds-matter': {
    severity: 'error',
    text: (p) => `事项「${p.matter}」在本一件事中的承诺时限 ${p.promised} 个工作日超过了事项自身的 ${p.own} 个工作日`,
  },
  'question.duplicate-id': { severity: 'error', text: (p) => `情形问题的标识「${p.id}」重复` },
  'question.no-options': { severity: 'error', text: (p) => `情形问题「${p.question}」是单选或多选，至少需要两个选项` },
  'logic.unknown-answer': { severity: 'error', text: (p) => `${p.where}引用了本情形没有的问题「${p.answer}」` },
  'logic.unknown-field': { severity: 'error', text: (p) => `${p.where}引用了一张表单中没有的字段「${p.field}」` },
  'logic.unknown-matter': { severity: 'error', text: (p) => `${p.where}引用了本情形没有的事项「${p.matter}」` },
  'logic.excludes-required': { severity: 'error', text: (p) => `${p.where}不能让必选事项「${p.matter}」不办理` },
  'group.invalid': { severity: 'error', text: (p) => `事项组「${p.group}」应由本情形的两个以上可选事项组成` },
  'rule.invalid': { severity: 'error', text: (p) => `规则「${p.rule}」不能使用：${p.detail}` },
  'rule.unknown-field': { severity: 'error', text: (p) => `规则「${p.rule}」读取的「${p.path}」不在申请中` },
  'rule.unknown-parameter': { severity: 'error', text: (p) => `规则「${p.rule}」引用的政策参数「${p.parameter}」不在政策参数中` },
  'rule.case-fails': {
    severity: 'error',
    text: (p) => `规则「${p.rule}」的样例「${p.case}」应${p.expected}，实际${p.actual}`,
  },
  'rule.no-basis': {
    severity: 'error',
    text: (p) => `规则「${p.rule}」没有写明依据：请填写所依据的法律法规或文件名称（加书名号）及条款，如「《失业保险条例》第十四条」`,
  },
  'rule.one-sided-cases': {
    severity: 'warning',
    text: (p) => `规则「${p.rule}」缺少${p.missing}的样例：每条规则至少要有一个通过和一个不通过的样例，最好取在界限两侧`,
  },
  'scenario.no-selectable-matter': { severity: 'error', text: (p) => `办事情形「${p.scenario}」没有可办理的事项` },
  'scenario.duplicate-id': { severity: 'error', text: (p) => `办事情形标识「${p.scenario}」重复` },
  'scenario.target-mismatch': {
    severity: 'info',
    text: (p) => `事项「${p.matter}」的服务对象与办事情形「${p.scenario}」的办事对象不同，将由办事对象代为申请`,
  },
  'scenario.guide-incomplete': {
    severity: 'error',
    text: (p) => `办事情形「${p.scenario}」的情形引导不完整：请同时填写问题和选择此情形的回答`,
  },
  'time.promise-exceeds-critical-path': {
    severity: 'error',
    text: (p) => `承诺办结时限 ${p.promised} 个工作日超过了事项流程的最长路径 ${p.critical} 个工作日`,
  },
  'time.promise-exceeds-legal': {
    severity: 'error',
    text: (p) => `事项「${p.matter}」的承诺时限 ${p.promised} 个工作日超过了法定时限 ${p.legal} 个工作日`,
  },
  'time.share-below-minimum': {
    severity: 'warning',
    text: (p) =>
      `事项「${p.matter}」在本件中 ${p.share} 个工作日，少于其经办机构认可的不少于 ${p.minimum} 个工作日（单独办理 ${p.own} 个工作日）：请与经办机构确认，或放宽本件的承诺时限`,
  },
  'time.calendar-ends': {
    severity: 'info',
    text: (p) =>
      `工作日历只到 ${p.year} 年：${p.last} 以后受理的「${p.scenario}」申请，办结日期将超出日历，运行端不能计算（返回 503）；请在此之前发布 ${Number(p.year) + 1} 年的工作日历`,
  },
  'case.changed': {
    severity: 'error',
    text: (p) => `用例「${p.case}」的结果变了：${p.detail}。确认新结果无误后请重新记录该用例`,
  },
  'case.duplicate-id': { severity: 'error', text: (p) => `用例标识「${p.id}」重复` },
  'variant.base-moved': {
    severity: 'info',
    text: (p) => `地方版本基于第 ${p.base} 版制作，已自动套用到当前第 ${p.current} 版`,
  },
  'variant.conflict': { severity: 'error', text: (p) => `地方调整无法套用：${p.detail}` },
  'roster.unknown-section': { severity: 'error', text: (p) => `职工名单的逐人填写分组「${p.section}」不在数据字典中` },
  'roster.shared-condition': {
    severity: 'error',
    text: (p) => `${p.where}读取了逐人填写的职工信息，但它对整份申请只判断一次：请改用单位或经办人信息，或改为逐人的字段条件`,
  },
  'roster.mixed-condition': {
    severity: 'error',
    text: (p) =>
      `「${p.target}」的字段条件把只填一次的信息与逐人填写的职工信息放在「或」「非」之中，无法逐人判断：请改为用「且」连接的两部分`,
  },
};

/** Builds a diagnostic with its table severity and message, and its location when given. */
export function diagnostic(code: DiagnosticCode, document: string, path: string, params: Params = {}, loc?: DiagnosticLoc): Diagnostic {
  const entry = MESSAGES[code];
  const d: Diagnostic = { code, severity: entry.severity, document, path, message: entry.text(params) };
  if (loc && Object.keys(loc).length) d.loc = loc;
  return d;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Escapes one JSON Pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins segments into a JSON Pointer. */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => '/' + pointerSegment(s)).join('');
}
