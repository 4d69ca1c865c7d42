/**
 * Structured logs through pino: one JSON object a line — ISO time, the level by name, the
 * message, the fields. Nothing an applicant typed is logged whole: the server logs paths and
 * counts, never bodies, and as a safety net every line is scrubbed — values under keys that
 * name personal data, and anything shaped like an ID number, a mobile number or an e-mail
 * address, are masked whatever key they sit under (pino's own redaction knows paths, not
 * shapes, so its log formatter runs the scrub) — and capped in size.
 */
import pino from 'pino';

/** Log levels in order. */
export type Level = 'debug' | 'info' | 'warn' | 'error';

/** The longest line written; longer ones keep their time, level and message and say how long they were. */
export const MAX_LINE = 8192;

/** The logger interface the server uses. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Masks one value: keeps the first and last character of long strings, hides the rest. */
export function maskValue(value: unknown): unknown {
  if (typeof value === 'string') {
    const chars = [...value];
    if (chars.length <= 2) return '*'.repeat(chars.length);
    return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
  }
  if (typeof value === 'number') return '***';
  if (Array.isArray(value)) return value.map(maskValue);
  return value === null || value === undefined ? value : '***';
}

/** Keys whose values are personal data or secrets, whatever object they are in. */
const SENSITIVE_KEY =
  /(^|[._-])(id|idno|idnumber|idcard|sfz|name|mobile|phone|tel|email|mail|address|addr|bank|account|card|password|passwd|token|cookie|csrf|username)$/i;
/** Text shaped like an ID number, a mobile number or an e-mail address. */
const SENSITIVE_TEXT = /[1-9]\d{16}[\dXx]|(?<!\d)1[3-9]\d{9}(?!\d)|[^\s@"]+@[^\s@"]+\.[A-Za-z]{2,}/g;

/** A copy of `value` safe to log: sensitive keys masked, sensitive-looking text masked, depth bounded. */
export function scrub(value: unknown, depth = 0): unknown {
  if (depth > 8) return '…';
  if (typeof value === 'string') return value.replace(SENSITIVE_TEXT, (m) => maskValue(m) as string);
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => scrub(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SENSITIVE_KEY.test(k) && k !== 'id' ? maskValue(v) : scrub(v, depth + 1);
    return out;
  }
  return value;
}

/** A logger writing JSON lines to `write` at or above `level`. */
export function createLogger(level: Level = 'info', write: (line: string) => void = (l) => process.stdout.write(l)): Logger {
  const log = pino(
    {
      level,
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (fields) => scrub(fields) as Record<string, unknown>,
      },
      hooks: {
        // the cap, on the line as written: a longer one keeps its time, level and message and says how long it was
        streamWrite: (line) => {
          if (line.length <= MAX_LINE) return line;
          const { time, level: lvl, msg } = JSON.parse(line) as Record<string, unknown>;
          return `${JSON.stringify({ time, level: lvl, msg, truncated: true, length: line.length - 1 })}\n`;
        },
      },
    },
    { write },
  );
  const at =
    (lvl: Level) =>
    (msg: string, fields: Record<string, unknown> = {}) =>
      log[lvl](fields, msg);
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
