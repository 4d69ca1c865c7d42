/**
 * 受理条件 and 智能审核 rules: JSON Logic (jsonlogic.com, with the semantics of json-logic-js, the
 * reference implementation, compiled once per rule by `logic-eval.ts`) over the application, with the domain operations of
 * `domain-ops.ts`. A rule passes when its logic is truthy. Only a fixed set of operations is
 * allowed — no iteration, no method calls — so a rule costs time linear in its size whatever
 * an official writes; the compiler refuses anything else.
 *
 * The data a rule reads is the application (`scenario`, `matters`, `answers`, the sections of
 * the one form) with the values derived from it (a birth date from an ID number) and the
 * date the application is made (`applicationDate`, YYYY-MM-DD). A 政策参数 is read with
 * `{"param": "pension.minContributionMonths"}` — its value in force on the application date —
 * or `{"param": ["pension.minContributionMonths", <date>]}` for the value in force on another day.
 */
import jsonLogic from 'json-logic-js';
import { compileLogic, truthy, type Evaluate } from './logic-eval.ts';
import * as ops from './domain-ops.ts';
import type { ExportedRule } from './compiled-types.ts';
import type { JsonLogic, Rule } from './logic-types.ts';
import { parameterOn } from './parameters.ts';
import { NO_POLICY, type Policy } from './policy.ts';
import { pathForRow, rosterRows, rowName, rowPathPattern, rowView, ROSTER_KEY } from './roster.ts';

/** JSON Logic's own operations a rule may use. */
export const LOGIC_OPERATIONS = [
  'var',
  'missing',
  'missing_some',
  'if',
  '?:',
  '==',
  '===',
  '!=',
  '!==',
  '!',
  '!!',
  'or',
  'and',
  '>',
  '>=',
  '<',
  '<=',
  '+',
  '-',
  '*',
  '/',
  '%',
  'min',
  'max',
  'in',
  'cat',
  'substr',
] as const;

/**
 * Whether a rule's basis is a legal statement a lawyer can check: an instrument in 书名号 and the
 * article (第…条 / 第…项 / 第…章) or numbered part (一、) it rests on.
 */
export function citesArticle(basis: string | undefined): boolean {
  return !!basis && /《[^》]+》[^《]*?(第[^；《]+?[条项章]|[一二三四五六七八九十]+、)/.test(basis);
}

/** The domain operations, with what officials read about them in the rule builder. */
export const DOMAIN_OPERATIONS = {
  idBirthDate: { label: '身份证号中的出生日期', args: ['身份证号'] },
  idGender: { label: '身份证号中的性别（1 男，2 女）', args: ['身份证号'] },
  idRegion: { label: '身份证号中的行政区划代码', args: ['身份证号'] },
  age: { label: '某日的周岁年龄', args: ['出生日期', '日期'] },
  monthsBetween: { label: '两个日期之间的整月数', args: ['起始日期', '终止日期'] },
  workingDaysBetween: { label: '两个日期之间的工作日数', args: ['起始日期', '终止日期'] },
  retirementAge: { label: '法定退休年龄（月数）', args: ['出生日期', '性别', '人员身份'] },
  retirementDate: { label: '达到法定退休年龄的日期', args: ['出生日期', '性别', '人员身份'] },
  earliestRetirementDate: { label: '弹性提前退休的最早日期', args: ['出生日期', '性别', '人员身份'] },
  latestRetirementDate: { label: '弹性延迟退休的最晚日期', args: ['出生日期', '性别', '人员身份'] },
  minContributionMonths: { label: '按月领取养老金的最低缴费月数', args: ['退休日期'] },
  unemploymentBenefitMonths: { label: '失业保险金最长领取期限（月）', args: ['累计缴费月数', '身份证号'] },
} as const;

/** A domain operation's name. */
export type DomainOperation = keyof typeof DOMAIN_OPERATIONS;

/** The operation that reads a 政策参数: `{"param": name}` or `{"param": [name, date]}`. */
export const PARAMETER_OPERATION = 'param';

const ALLOWED = new Set<string>([...LOGIC_OPERATIONS, ...Object.keys(DOMAIN_OPERATIONS), PARAMETER_OPERATION]);
const MAX_NODES = 400;
const MAX_DEPTH = 24;

// the policy and the application date of one synchronous evaluation: what `workingDaysBetween` counts
// with, which parameters are read, and the day whose values are in force
let current: { policy: Policy; on: unknown } = { policy: NO_POLICY, on: null };
const params = () => current.policy.parameters;
/**
 * What a policy figure gives when it has no value on the day (no parameters, a day before its
 * first 施行日期, input it cannot read): the rule cannot be judged, so it does not hold — a
 * missing threshold must never pass an application (`x >= null` is true in JSON Logic).
 */
class NoPolicyValue extends Error {}
const needed = <T>(value: T | null): T => {
  if (value === null) throw new NoPolicyValue('no value for the day');
  return value;
};
const domain: Record<DomainOperation | typeof PARAMETER_OPERATION, (...args: unknown[]) => unknown> = {
  idBirthDate: (id) => ops.idBirthDate(id),
  idGender: (id) => ops.idGender(id),
  idRegion: (id) => ops.idRegion(id),
  age: (birth, on) => ops.age(birth, on),
  monthsBetween: (from, to) => ops.monthsBetween(from, to),
  workingDaysBetween: (from, to) => ops.workingDaysBetween(from, to, current.policy.calendar),
  retirementAge: (birth, gender, staff) => needed(ops.retirementAge(birth, gender, staff, params(), current.on)),
  retirementDate: (birth, gender, staff) => needed(ops.retirementDate(birth, gender, staff, params(), current.on)),
  earliestRetirementDate: (birth, gender, staff) => needed(ops.earliestRetirementDate(birth, gender, staff, params(), current.on)),
  latestRetirementDate: (birth, gender, staff) => needed(ops.latestRetirementDate(birth, gender, staff, params(), current.on)),
  minContributionMonths: (date) => needed(ops.minContributionMonths(date, params())),
  unemploymentBenefitMonths: (months, idNumber) => ops.unemploymentBenefitMonths(months, params(), current.on, idNumber),
  // a date given is the day whose value is wanted; none is the application date
  param: (...args) => needed(parameterOn(params(), args[0], args.length > 1 ? args[1] : current.on)),
};
for (const [name, fn] of Object.entries(domain)) jsonLogic.add_operation(name, fn);
// what a rule may never do, even if a document slipped past the checks
for (const unsafe of ['method', 'log']) jsonLogic.rm_operation(unsafe);

/** What is wrong with a rule's logic, in Chinese (empty when it may be used). */
export function logicProblems(logic: unknown): string[] {
  const out = new Set<string>();
  let nodes = 0;
  const walk = (node: unknown, depth: number) => {
    if (++nodes > MAX_NODES) return void out.add(`规则过于复杂（超过 ${MAX_NODES} 个节点）`);
    if (depth > MAX_DEPTH) return void out.add(`规则嵌套过深（超过 ${MAX_DEPTH} 层）`);
    if (Array.isArray(node)) return node.forEach((n) => walk(n, depth + 1));
    if (!node || typeof node !== 'object') return;
    const keys = Object.keys(node);
    if (keys.length !== 1) return void out.add('规则的每一步只能有一个运算');
    const op = keys[0]!;
    if (!ALLOWED.has(op)) out.add(`不支持的运算「${op}」`);
    const arg = (node as Record<string, unknown>)[op];
    if (op === PARAMETER_OPERATION && typeof (Array.isArray(arg) ? arg[0] : arg) !== 'string')
      out.add('政策参数应写明参数名称，如 {"param": "pension.minContributionMonths"}');
    walk((node as Record<string, unknown>)[op], depth + 1);
  };
  if (!logic || typeof logic !== 'object' || Array.isArray(logic)) return ['规则应为一个运算'];
  walk(logic, 0);
  return [...out];
}

/** The data paths a rule reads with `var` (and `missing`), in order of first use. */
export function logicVars(logic: unknown): string[] {
  const out: string[] = [];
  const add = (v: unknown) => {
    const path = Array.isArray(v) ? v[0] : v;
    if (typeof path === 'string' && path !== '' && !out.includes(path)) out.push(path);
  };
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const [op, arg] = Object.entries(node)[0] ?? [];
    if (op === 'var') add(arg);
    else if (op === 'missing') ([] as unknown[]).concat(arg).forEach(add);
    walk(arg);
  };
  walk(logic);
  return out;
}

/**
 * The 政策参数 a rule's logic depends on, in order of first use: those it names with `param`
 * (a literal name) and those its domain operations read (a retirement date reads the ages).
 */
export function logicParameters(logic: unknown): string[] {
  const out = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const [op, arg] = Object.entries(node)[0] ?? [];
    if (op === PARAMETER_OPERATION) {
      const name = Array.isArray(arg) ? arg[0] : arg;
      if (typeof name === 'string') out.add(name);
    }
    for (const name of (op && Object.hasOwn(ops.OPERATION_PARAMETERS, op) ? ops.OPERATION_PARAMETERS[op] : undefined) ?? []) out.add(name);
    walk(arg);
  };
  walk(logic);
  return [...out];
}

/** A rule as compiled (and exported). */
export type CompiledRule = ExportedRule;

/**
 * A rule of a matter (it applies when the matter is applied for) or of the bundle (in its
 * scenarios). A rule that reads an employee's section (`roster`) is checked for each employee.
 */
export function compileRule(rule: Rule, matter: string | null, roster: ReadonlySet<string> = new Set()): CompiledRule {
  let logic: JsonLogic = rule.logic;
  if (rule.scenarios) logic = { if: [{ in: [{ var: 'scenario' }, rule.scenarios] }, logic, true] };
  if (matter) logic = { if: [{ in: [matter, { var: 'matters' }] }, logic, true] };
  const out: CompiledRule = {
    id: matter ? `${matter}/${rule.id}` : rule.id,
    matter,
    message: rule.message,
    severity: rule.severity,
    fields: [...rule.fields],
    paths: rule.fields.map((f) => `/${f.replace('.', '/')}`),
    logic,
  };
  const perEmployee = (id: string) => roster.has(id.split('.')[0]!);
  if (logicVars(rule.logic).some(perEmployee) || rule.fields.some(perEmployee)) {
    out.each = ROSTER_KEY;
    out.paths = rule.fields.map((f) => (perEmployee(f) ? rowPathPattern(`/${f.replace('.', '/')}`) : `/${f.replace('.', '/')}`));
  }
  if (rule.scenarios) out.scenarios = [...rule.scenarios];
  if (rule.basis) out.basis = rule.basis;
  if (rule.condition) out.condition = rule.condition;
  if (rule.cases?.length) out.cases = rule.cases;
  return out;
}

/** A rule's logic compiled with the domain operations (its full value, not only whether it holds). */
export const compileRuleLogic = (logic: unknown): Evaluate => compileLogic(logic, domain);

// each rule's logic compiled once, keyed by the logic object: a compiled bundle's rules are the same objects on every
// request, and logic is never changed in place (the studio edits documents with pure functions — logic-ops.ts — and
// its rule dialog builds new logic), so an object seen once always means the same rule
const compiledLogic = new WeakMap<object, Evaluate>();

/** The application date a rule's data carries, the day parameters are read for. */
const applicationDate = (data: unknown) =>
  data && typeof data === 'object' ? (data as { applicationDate?: unknown }).applicationDate : null;

/**
 * True when the logic holds for `data` under `policy` (its calendar and parameters; parameters
 * are read as in force on `data.applicationDate`); a rule that cannot be evaluated does not hold.
 */
export function logicHolds(logic: JsonLogic, data: unknown, policy: Policy = NO_POLICY): boolean {
  const previous = current;
  current = { policy, on: applicationDate(data) ?? null };
  try {
    if (!logic || typeof logic !== 'object') return truthy(logic);
    let evaluate = compiledLogic.get(logic);
    if (!evaluate) compiledLogic.set(logic, (evaluate = compileRuleLogic(logic)));
    return truthy(evaluate(data));
  } catch {
    return false;
  } finally {
    current = previous;
  }
}

/** A rule an application breaks: for an employee's rule, which employee, with its message and paths made concrete. */
export interface RuleBreach {
  rule: CompiledRule;
  id: string;
  severity: CompiledRule['severity'];
  message: string;
  paths: string[];
  /** The employee (index in `employees`) an employee's rule was broken for. */
  row?: number;
}

/**
 * The rules an application breaks, in order; an employee's rule is checked on each employee's
 * view of the application and reported once per employee that breaks it (「第 2 名职工：…」).
 */
export function brokenRules(rules: readonly CompiledRule[], data: Record<string, unknown>, policy: Policy = NO_POLICY): RuleBreach[] {
  const out: RuleBreach[] = [];
  const rows = rosterRows(data);
  for (const rule of rules) {
    const { id, severity, message, paths } = rule;
    if (!rule.each) {
      if (!logicHolds(rule.logic, data, policy)) out.push({ rule, id, severity, message, paths });
      continue;
    }
    rows.forEach((row, i) => {
      if (logicHolds(rule.logic, rowView(data, row), policy)) return;
      out.push({ rule, id, severity, message: `${rowName(i)}：${message}`, paths: paths.map((p) => pathForRow(p, i)), row: i });
    });
  }
  return out;
}

/** Sets `value` at a dotted path of a copy of `data`. */
export function withValue(data: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (!rest.length) return { ...data, [head!]: value };
  const inner = (data[head!] && typeof data[head!] === 'object' ? data[head!] : {}) as Record<string, unknown>;
  return { ...data, [head!]: withValue(inner, rest.join('.'), value) };
}
