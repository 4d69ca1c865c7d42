/**
 * Structured logs: one JSON object a line on stdout. Values at PII paths are masked before
 * they are written, so an ID number or phone never reaches a log file whole.
 */

/** Log levels in order. */
export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** The logger interface the server uses. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** A logger writing JSON lines to `write` at or above `level`. */
export function createLogger(level: Level = 'info', write: (line: string) => void = (l) => process.stdout.write(l)): Logger {
  const log =
    (lvl: Level) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (ORDER[lvl] < ORDER[level]) return;
      write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }) + '\n');
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
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

/** A copy of an application with every value at a PII path (`section.key`) masked. */
export function maskApplication(app: unknown, piiPaths: ReadonlySet<string>): unknown {
  if (!app || typeof app !== 'object' || Array.isArray(app)) return app;
  const out: Record<string, unknown> = {};
  for (const [section, value] of Object.entries(app)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const inner: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) inner[key] = piiPaths.has(`${section}.${key}`) ? maskValue(v) : v;
      out[section] = inner;
    } else out[section] = value;
  }
  return out;
}
