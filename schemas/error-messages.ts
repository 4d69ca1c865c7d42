/**
 * Chinese messages for validation errors, shared by document checks, the runtime's 422
 * responses and the studio's preview so an applicant reads the same words everywhere.
 */
import type { ErrorObject } from 'ajv';
import { FORMATS } from './formats.ts';
import type { FieldFormat } from './types.ts';

/** One validation error as front ends show it. */
export interface FieldError {
  /** JSON Pointer of the offending value (for `required`, of the missing property). */
  path: string;
  keyword: string;
  message: string;
}

const FORMAT_NAMES: Record<string, string> = {
  date: '日期（YYYY-MM-DD）',
  'date-time': '时间',
  'safe-pattern': '格式规则（须为有效的正则表达式，不能含前瞻、后顾、反向引用或嵌套重复）',
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
      message = `${name}应为${TYPE_NAMES[String(p.type)] ?? String(p.type)}`;
      break;
    case 'format':
      message = `${name}不是有效的${formatName(String(p.format))}`;
      break;
    case 'pattern':
      message = `${name}格式不正确`;
      break;
    case 'minLength':
      message = `${name}至少需要 ${p.limit} 个字符`;
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

/**
 * Reduces AJV's errors to one per field path (the first, most specific), dropping the structural noise that `if`, `oneOf`
 * and `const` branches add around the real cause.
 */
export function describeErrors(
  errors: readonly ErrorObject[] | null | undefined,
  titleOf: (path: string) => string | undefined = () => undefined,
): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  const oneOfPaths = new Set((errors ?? []).filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  for (const error of errors ?? []) {
    if (error.keyword === 'if') continue;
    if (error.keyword === 'const' && oneOfPaths.has(error.instancePath)) continue;
    const described = describeError(error, titleOf);
    if (seen.has(described.path)) continue;
    seen.add(described.path);
    out.push(described);
  }
  return out;
}
