/**
 * The rule builder's model and its JSON Logic, both ways, so officials never type JSON: a
 * rule passes when all (or any) of its comparisons hold; each side of a comparison is a
 * field, an answer, the application date, a number, a text, a date, a 政策参数 (its value on the
 * application date), or a domain operation on such operands. And any JSON Logic said in words,
 * for rules the builder cannot draw.
 */
import { DOMAIN_OPERATIONS, PARAMETER_OPERATION, type DomainOperation, type JsonLogic } from '../../../schemas/index.ts';

/** One side of a comparison. */
export type Operand =
  | { kind: 'field'; path: string }
  | { kind: 'answer'; question: string }
  | { kind: 'applicationDate' }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'text'; value: string }
  | { kind: 'date'; value: string }
  | { kind: 'parameter'; name: string }
  | { kind: 'operation'; name: DomainOperation; args: Operand[] };

/** How two operands are compared. */
export const COMPARATORS = { '>=': '≥', '<=': '≤', '==': '=', '!=': '≠', '>': '>', '<': '<' } as const;
export type Comparator = keyof typeof COMPARATORS;

/** One comparison of the rule. */
export interface Comparison {
  left: Operand;
  op: Comparator;
  right: Operand;
}

/** What the builder edits: comparisons, all or any of which must hold for the application to pass. */
export interface RuleShape {
  combine: 'all' | 'any';
  comparisons: Comparison[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An operand as JSON Logic. */
export function operandLogic(o: Operand): unknown {
  switch (o.kind) {
    case 'field':
      return { var: o.path };
    case 'answer':
      return { var: `answers.${o.question}` };
    case 'applicationDate':
      return { var: 'applicationDate' };
    case 'number':
    case 'boolean':
    case 'text':
    case 'date':
      return o.value;
    case 'parameter':
      return { [PARAMETER_OPERATION]: o.name };
    case 'operation':
      return { [o.name]: o.args.map(operandLogic) };
  }
}

/** The builder's rule as JSON Logic: one comparison alone, or all / any of them. */
export function shapeLogic(shape: RuleShape): JsonLogic {
  const parts = shape.comparisons.map((c) => ({ [c.op]: [operandLogic(c.left), operandLogic(c.right)] }));
  if (parts.length === 1) return parts[0]!;
  return { [shape.combine === 'all' ? 'and' : 'or']: parts };
}

/** True when an operand says all it needs (a field or answer chosen, an operation's every argument). */
export function operandComplete(o: Operand): boolean {
  switch (o.kind) {
    case 'field':
      return o.path !== '';
    case 'answer':
      return o.question !== '';
    case 'number':
      return Number.isFinite(o.value);
    case 'date':
      return DATE.test(o.value);
    case 'parameter':
      return o.name !== '';
    case 'operation':
      return o.args.length === DOMAIN_OPERATIONS[o.name].args.length && o.args.every(operandComplete);
    default:
      return true;
  }
}

/** An operand of a kind, empty where the official still has to choose. */
export function blankOperand(kind: Operand['kind']): Operand {
  switch (kind) {
    case 'field':
      return { kind, path: '' };
    case 'answer':
      return { kind, question: '' };
    case 'number':
      return { kind, value: 0 };
    case 'boolean':
      return { kind, value: true };
    case 'text':
      return { kind, value: '' };
    case 'date':
      return { kind, value: '' };
    case 'parameter':
      return { kind, name: '' };
    case 'operation':
      return { kind, name: 'age', args: DOMAIN_OPERATIONS.age.args.map(() => blankOperand('field')) };
    default:
      return { kind: 'applicationDate' };
  }
}

/** JSON Logic as an operand, or null when the builder cannot show it. */
export function parseOperand(x: unknown): Operand | null {
  if (typeof x === 'number') return { kind: 'number', value: x };
  if (typeof x === 'boolean') return { kind: 'boolean', value: x };
  if (typeof x === 'string') return DATE.test(x) ? { kind: 'date', value: x } : { kind: 'text', value: x };
  if (!x || typeof x !== 'object' || Array.isArray(x)) return null;
  const [op, arg] = Object.entries(x)[0] ?? [];
  if (op === 'var' && typeof arg === 'string') {
    if (arg === 'applicationDate') return { kind: 'applicationDate' };
    if (arg.startsWith('answers.')) return { kind: 'answer', question: arg.slice('answers.'.length) };
    return { kind: 'field', path: arg };
  }
  if (op === PARAMETER_OPERATION && typeof arg === 'string') return { kind: 'parameter', name: arg };
  if (op && op in DOMAIN_OPERATIONS && Array.isArray(arg)) {
    const args = arg.map(parseOperand);
    return args.every((a) => a !== null) ? { kind: 'operation', name: op as DomainOperation, args: args as Operand[] } : null;
  }
  return null;
}

function parseComparison(x: unknown): Comparison | null {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return null;
  const [op, args] = Object.entries(x)[0] ?? [];
  if (!op || !(op in COMPARATORS) || !Array.isArray(args) || args.length !== 2) return null;
  const [left, right] = args.map(parseOperand);
  return left && right ? { left, op: op as Comparator, right } : null;
}

/** JSON Logic as the builder's rule, or null when it is not all or any of simple comparisons. */
export function parseShape(logic: unknown): RuleShape | null {
  const single = parseComparison(logic);
  if (single) return { combine: 'all', comparisons: [single] };
  if (!logic || typeof logic !== 'object' || Array.isArray(logic)) return null;
  const [op, parts] = Object.entries(logic)[0] ?? [];
  if ((op !== 'and' && op !== 'or') || !Array.isArray(parts) || parts.length === 0) return null;
  const comparisons = parts.map(parseComparison);
  return comparisons.every((c) => c !== null) ? { combine: op === 'and' ? 'all' : 'any', comparisons: comparisons as Comparison[] } : null;
}

/** How rules name what they read. */
export interface LogicWords {
  field(path: string): string | undefined;
  question(id: string): string | undefined;
  matter(code: string): string | undefined;
  /** A 政策参数's name, as officials read it (with its value today, when known). */
  parameter?(name: string): string | undefined;
}

const INFIX: Record<string, string> = { ...COMPARATORS, '===': '=', '!==': '≠', '+': '+', '-': '−', '*': '×', '/': '÷', '%': '余' };

/** Any JSON Logic in words: 「累计缴费月数」≥ 12，且「解除（终止）劳动关系原因」≠ "employee". */
export function describeLogic(logic: unknown, words: LogicWords): string {
  const say = (x: unknown): string => {
    if (x === null || x === undefined) return '空';
    if (typeof x === 'boolean') return x ? '是' : '否';
    if (typeof x === 'number') return String(x);
    if (typeof x === 'string') return DATE.test(x) ? x : `“${x}”`;
    if (Array.isArray(x)) return x.map(say).join('、');
    const [op, arg] = Object.entries(x)[0] ?? [];
    const args = ([] as unknown[]).concat(arg);
    if (op === 'var') {
      const path = String(args[0]);
      if (path === 'applicationDate') return '申请日期';
      if (path === 'matters') return '所办事项';
      if (path === 'scenario') return '办事情形';
      if (path.startsWith('answers.')) return `「${words.question(path.slice(8)) ?? path}」的回答`;
      return `「${words.field(path) ?? path}」`;
    }
    if (op && op in INFIX && args.length === 2) return `${say(args[0])} ${INFIX[op]} ${say(args[1])}`;
    if (op === 'and') return args.map(say).join('，且');
    if (op === 'or') return args.map((a) => say(a)).join('，或');
    if (op === '!') return `并非（${say(args[0])}）`;
    if (op === '!!') return say(args[0]);
    if (op === 'in') {
      const [item, list] = args;
      if (typeof item === 'string' && (list as { var?: string })?.var === 'matters') return `办理「${words.matter(item) ?? item}」`;
      return `${say(item)} 属于 ${say(list)}`;
    }
    if (op === 'if' || op === '?:') {
      const parts = args.map(say);
      return parts.length >= 3 ? `若 ${parts[0]}，则 ${parts[1]}，否则 ${parts[2]}` : `若 ${parts[0]}，则 ${parts[1] ?? ''}`;
    }
    if (op === PARAMETER_OPERATION) {
      const name = String(args[0]);
      const said = `政策参数「${words.parameter?.(name) ?? name}」`;
      return args.length > 1 ? `${said}在 ${say(args[1])} 的值` : said;
    }
    if (op && op in DOMAIN_OPERATIONS) return `${DOMAIN_OPERATIONS[op as DomainOperation].label}（${args.map(say).join('，')}）`;
    return `${op}（${args.map(say).join('，')}）`;
  };
  return say(logic);
}
