/**
 * JSON request bodies screened before anything else reads them: nesting deeper than 64
 * levels is refused while the raw bytes are scanned (so no parser, walker or logger ever
 * recurses that deep), and keys that could pollute a prototype are refused after parsing —
 * walked only when the raw text could spell one.
 */
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { sendProblem } from './problem.ts';

/** The deepest nesting of objects and arrays a request body may have. */
export const MAX_DEPTH = 64;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The deepest nesting of a JSON text, scanning its bytes once (brackets inside strings do not count). */
export function jsonDepth(buf: Buffer): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i]!;
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > max) max = depth;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
  }
  return max;
}

const SUSPICIOUS = /__proto__|constructor|prototype|\\u/;

/** A body nested too deep: the client's error. */
class TooDeep extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
}

declare module 'express-serve-static-core' {
  interface Request {
    suspiciousBody?: boolean;
  }
}

/**
 * For `express.json({ verify })`: refuses a body nested deeper than MAX_DEPTH, and marks a
 * body whose raw text could spell a polluting key (literally or through a \u escape).
 */
export function screenBody(req: IncomingMessage, _res: unknown, buf: Buffer): void {
  if (jsonDepth(buf) > MAX_DEPTH) throw new TooDeep();
  (req as IncomingMessage & { suspiciousBody?: boolean }).suspiciousBody = SUSPICIOUS.test(buf.toString('latin1'));
}

/** True when `value` holds more than `limit` values (objects, arrays and scalars), counting no further than that. */
export function exceedsValues(value: unknown, limit: number): boolean {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (++count > limit) return true;
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) stack.push(x);
  }
  return false;
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** True when any object in `value` has an own key that could pollute a prototype. */
export function hasPollutingKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some((v) => hasPollutingKey(v));
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN.has(key) || hasPollutingKey((value as Record<string, unknown>)[key])) return true;
    }
  }
  return false;
}

/** Refuses JSON bodies with `__proto__`, `constructor` or `prototype` keys. */
export const refusePollutingKeys: RequestHandler = (req, res, next) => {
  if (req.suspiciousBody !== false && req.body !== undefined && hasPollutingKey(req.body)) {
    sendProblem(res, 400, '请求体包含不允许的键（__proto__、constructor 或 prototype）');
    return;
  }
  next();
};
