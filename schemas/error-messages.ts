/**
 * Chinese messages for validation errors, shared by document checks, the runtime's 422
 * responses and the studio's preview so an applicant reads the same words everywhere.
 */
import type { ErrorObject } from 'ajv';
import { FORMATS } from './formats.ts';
import { rowName, ROSTER_KEY, ROSTER_LABEL } from './roster.ts';
import type { FieldFormat } from './types.ts';
import type { FieldError } from './field-error.ts';

export type { FieldError } from './field-error.ts';

const FORMAT_NAMES: Record<string, string> = {
  date: '日期（YYYY-MM-DD）',
  'date-time': '时间',
  'safe-pattern': '格式规则（须为有效的正则表达式，不能含前瞻、后顾、反向引用或嵌套重复）',
  'plain-text': '文字（不能含不可见字符、文字方向控制符、控制字符或残缺的字符）',
};

function formatName(format: string): string {
  return FORMATS[format as FieldFormat]?.hint ?? FORMAT_NAMES[format] ?? format;
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  integer: '整数',
  number: '数字',
  boolean: '是/否',
  array: '列表',
  object: '对象',
  null: '空值',
};

/** The JSON Pointer an error is about: for `required`, the missing property's. */
function errorPath(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return `${error.instancePath}/${String(p.missingProperty).replace(/~/g, '~0').replace(/\//g, '~1')}`;
  if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties')
    return `${error.instancePath}/${String(p.additionalProperty ?? p.unevaluatedProperty)}`;
  return error.instancePath;
}

/** Chinese text of one AJV error; `titleOf` names the field at a path when known. */
export function describeError(error: ErrorObject, titleOf: (path: string) => string | undefined = () => undefined): FieldError {
  const p = error.params as Record<string, unknown>;
  const path = errorPath(error);
  const title = titleOf(path);
  const name = title ? `「${title}」` : '';
  let message: string;
  switch (error.keyword) {
    case 'required':
      message = `${name || '该项'}为必填项`;
      break;
    case 'type':
      message = `${name}应为${String(p.type)
        .split(',')
        .map((t) => TYPE_NAMES[t] ?? t)
        .join('或')}`;
      break;
    case 'format':
      message = `${name}不是有效的${formatName(String(p.format))}`;
      break;
    case 'pattern':
      message = `${name}格式不正确`;
      break;
    case 'minLength':
      message = p.limit === 1 ? `${name || '该项'}不能为空` : `${name}至少需要 ${p.limit} 个字符`;
      break;
    case 'maxLength':
      message = `${name}最多 ${p.limit} 个字符`;
      break;
    case 'minimum':
    case 'exclusiveMinimum':
      message = `${name}不能小于 ${p.limit}`;
      break;
    case 'maximum':
    case 'exclusiveMaximum':
      message = `${name}不能大于 ${p.limit}`;
      break;
    case 'enum':
    case 'const':
    case 'oneOf':
      message = `${name}不是允许的选项`;
      break;
    case 'minItems':
      message = `${name}至少选择 ${p.limit} 项`;
      break;
    case 'maxItems':
      message = `${name}最多选择 ${p.limit} 项`;
      break;
    case 'uniqueItems':
      message = `${name}有重复的选项`;
      break;
    case 'contains':
      message = `${name}缺少必须办理的事项`;
      break;
    case 'additionalProperties':
    case 'unevaluatedProperties':
      message = `不允许的字段「${String(p.additionalProperty ?? p.unevaluatedProperty)}」`;
      break;
    default:
      message = `${name}不符合要求（${error.keyword}）`;
  }
  return { path, keyword: error.keyword, message };
}

/** What an application's errors are described against: its schema (to name matters) and the application (to quote values). */
export interface ErrorContext {
  schema?: Record<string, unknown>;
  data?: unknown;
}

/** The value at a JSON Pointer. */
function at(root: unknown, pointer: string): unknown {
  let node = root;
  for (const part of pointer.split('/').slice(1))
    node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return node;
}

/** What an error about the matters becomes: the applicant's mistake in their words, nothing (noise), or not about the matters. */
type MatterFinding = FieldError | 'noise' | null;

/** The applicant's own mistake about the matters, in their words; 'noise' for an error another one already says; null for any other error. */
function matterError(error: ErrorObject, context: ErrorContext, titleOf: (path: string) => string | undefined): MatterFinding {
  const items = at(context.schema, '/properties/matters/items/oneOf') as { const: string; title: string }[] | undefined;
  if (!items || !error.instancePath.startsWith('/matters')) return null;
  const name = (code: unknown) => `「${items.find((i) => i.const === code)?.title ?? String(code)}」`;
  const title = `「${titleOf('/matters') ?? '办理事项'}」`;
  const rule = at(context.schema, error.schemaPath.slice(1)) as Record<string, unknown> | undefined;
  const given = at(context.data, '/matters');
  const selected: unknown[] = Array.isArray(given) ? given : [];
  const found = (message: string): FieldError => ({ path: '/matters', keyword: error.keyword, message });
  // matters that are not a list: the type error says it; what the list should hold means nothing yet
  if (!Array.isArray(given) && error.instancePath === '/matters' && error.keyword !== 'type') return 'noise';
  if (error.keyword === 'contains') {
    // each alternative of an exactly-one group failing: the group's own error says it
    if (/\/oneOf\/\d+\/contains$/.test(error.schemaPath)) return 'noise';
    const wanted = at(context.schema, `${error.schemaPath.slice(1)}/const`);
    if (wanted !== undefined) return found(`${title}缺少必须办理的事项${name(wanted)}`);
    const choices = (at(context.schema, `${error.schemaPath.slice(1)}/enum`) ?? []) as unknown[];
    return found(`${title}须在${choices.map(name).join('')}中至少选择一项`);
  }
  if (error.instancePath === '/matters' && error.keyword === 'oneOf' && Array.isArray(rule)) {
    const choices = rule.map((r) => (r as { contains?: { const?: unknown } }).contains?.const);
    return found(`${title}须在${choices.map(name).join('')}中选择且只能选择一项`);
  }
  if (error.instancePath === '/matters' && error.keyword === 'not' && rule) {
    const inner = rule as { contains?: { enum?: unknown[] }; minContains?: number };
    const chosen = (inner.contains?.enum ?? []).filter((c) => selected.includes(c));
    return inner.minContains !== undefined
      ? found(`${title}中${chosen.map(name).join('')}只能选择其一`)
      : found(`按您的回答，${chosen.map(name).join('')}无需办理，请从${title}中去掉`);
  }
  if (/^\/matters\/\d+$/.test(error.instancePath) && (error.keyword === 'oneOf' || error.keyword === 'enum')) {
    const value = at(context.data, error.instancePath);
    const known = items.some((i) => i.const === value);
    const message = known ? `${title}中的${name(value)}不属于所选的办事情形` : `${title}中的「${String(value)}」不是本一件事的事项`;
    return { path: error.instancePath, keyword: error.keyword, message };
  }
  return null;
}

/**
 * An error inside one employee of the roster (`/employees/1/person/name`), named as the
 * applicant reads it: 「第 2 名职工的「姓名」为必填项」. Null for any other path.
 */
function rowError(error: ErrorObject, titleOf: (path: string) => string | undefined): FieldError | null {
  const path = errorPath(error);
  const at = new RegExp(`^/${ROSTER_KEY}/(\\d+)(/.*)?$`).exec(path);
  if (!at) {
    if (path !== `/${ROSTER_KEY}` || (error.keyword !== 'minItems' && error.keyword !== 'maxItems')) return null;
    const limit = (error.params as { limit?: number }).limit;
    const name = `「${titleOf(path) ?? ROSTER_LABEL}」`;
    const message = error.keyword === 'minItems' ? `${name}至少填写 ${limit} 名职工` : `${name}最多填写 ${limit} 名职工`;
    return { path, keyword: error.keyword, message };
  }
  const index = Number(at[1]);
  const inner = at[2] ?? '';
  const shift = (p: string) => p.replace(`/${ROSTER_KEY}/${index}`, '');
  const own = describeError({ ...error, instancePath: shift(error.instancePath) }, titleOf);
  const message = inner ? `${rowName(index)}的${own.message}` : `${rowName(index)}：${own.message}`;
  return { path, keyword: error.keyword, message };
}

/**
 * Reduces AJV's errors to the applicant's own mistakes, one per path (the first, most
 * specific), in the form's order: the structural noise of `if` branches, of `oneOf` and
 * `const` alternatives and of `contains` trying each item is dropped; a missing required
 * matter and a wrong matter are named.
 */
export function describeErrors(
  errors: readonly ErrorObject[] | null | undefined,
  titleOf: (path: string) => string | undefined = () => undefined,
  context: ErrorContext = {},
): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  const oneOfPaths = new Set((errors ?? []).filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  for (const error of errors ?? []) {
    // "no alternative matched" says nothing the alternatives' own errors do not say better
    if (error.keyword === 'if' || error.keyword === 'anyOf') continue;
    // trying each item against a `contains` fails for every item but the one wanted: not a mistake
    if (error.schemaPath.includes('/contains/')) continue;
    if (error.keyword === 'const' && oneOfPaths.has(error.instancePath)) continue;
    const about = matterError(error, context, titleOf);
    if (about === 'noise') continue;
    const described = about ?? rowError(error, titleOf) ?? describeError(error, titleOf);
    if (seen.has(described.path)) continue;
    seen.add(described.path);
    out.push(described);
  }
  // in the form's order: scenario, matters, then the sections as the schema lists them
  const order = Object.keys((context.schema?.properties ?? {}) as object);
  const rank = (e: FieldError) => {
    const i = order.indexOf(e.path.split('/')[1] ?? '');
    return i < 0 ? order.length : i;
  };
  return out
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)
    .map(({ e }) => e);
}
