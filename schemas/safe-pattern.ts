/**
 * Patterns officials author (a data element's `pattern`) must be harmless wherever they run.
 * On save: they compile with the `u` flag as every JSON Schema validator compiles them, they
 * compile in RE2 (no look-arounds or back-references), and they have no nested repetition —
 * the shape that makes backtracking engines (a portal's validator) take exponential time.
 * Where this project validates, authored patterns run in RE2 (re2js, pure JavaScript): linear
 * time, whatever pattern and input; the product's own fixed patterns (formats, dates), which pass
 * the same checks, run in the built-in engine, several times faster.
 */
import type { RegExpEngine } from 'ajv/dist/types/index.js';
import { RE2JS } from 're2js';
import safeRegex from 'safe-regex2';
import { BUILT_IN_PATTERNS } from './formats.ts';

/** A JavaScript pattern in RE2's syntax: `\uXXXX` and `\u{X…}` escapes become `\x{…}`. */
export function toRe2Syntax(pattern: string): string {
  return pattern.replace(
    /(\\\\)|\\u\{([0-9a-fA-F]{1,6})\}|\\u([0-9a-fA-F]{4})/g,
    (m, escaped: string | undefined, braced?: string, plain?: string) => (escaped ? m : `\\x{${braced ?? plain}}`),
  );
}

/** Why an authored pattern is refused (Chinese), or null when it is safe. */
export function patternProblem(pattern: string): string | null {
  try {
    new RegExp(pattern, 'u');
  } catch {
    return '不是有效的正则表达式';
  }
  try {
    RE2JS.compile(toRe2Syntax(pattern));
  } catch {
    return '使用了不支持的写法（前瞻、后顾或反向引用）';
  }
  if (!safeRegex(pattern)) return '含有嵌套重复（如 (a+)+），可能让校验变得极慢，请改写';
  return null;
}

const compiled = new Map<string, RE2JS>();

/** AJV's regular-expression engine: RE2, linear in the input whatever the pattern (the built-in engine for our own). */
export const re2RegExp: RegExpEngine = Object.assign(
  (pattern: string) => {
    if (BUILT_IN_PATTERNS.has(pattern)) return new RegExp(pattern, 'u');
    let re = compiled.get(pattern);
    if (!re) compiled.set(pattern, (re = RE2JS.compile(toRe2Syntax(pattern))));
    const engine = re;
    // AJV keys its compiled patterns by toString(): each pattern needs its own
    return { test: (s: string) => engine.matcher(s).find(), toString: () => `re2:${pattern}` };
  },
  { code: 'RE2' },
);
