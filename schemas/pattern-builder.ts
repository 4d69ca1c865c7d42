/**
 * The safe way officials write a data element's pattern: a sequence of parts — fixed text,
 * or so many characters of some kinds (digits, letters, Chinese) — that becomes an anchored
 * pattern with no nested repetition, so it runs in linear time everywhere (see safe-pattern.ts).
 */

/** Character kinds a part may allow. */
export const CHAR_KINDS = {
  digit: { label: '数字', range: '0-9' },
  upper: { label: '大写字母', range: 'A-Z' },
  lower: { label: '小写字母', range: 'a-z' },
  han: { label: '汉字', range: '\\u4e00-\\u9fa5' },
} as const;

export type CharKind = keyof typeof CHAR_KINDS;

/** One part of a pattern: fixed text, or between `min` and `max` characters of the kinds given. */
export type PatternPart = { text: string } | { chars: CharKind[]; min: number; max: number };

const escape = (text: string) => text.replace(/[\\^$.*+?()[\]{}|]/g, (c) => `\\${c}`);

/** The anchored pattern of `parts`; a part allowing no kind, or with max < min, is a mistake the builder refuses (null). */
export function buildPattern(parts: readonly PatternPart[]): string | null {
  let out = '';
  for (const p of parts) {
    if ('text' in p) {
      if (!p.text) return null;
      out += escape(p.text);
      continue;
    }
    if (!p.chars.length || p.min < 0 || p.max < p.min || p.max > 1000) return null;
    const set = `[${p.chars.map((k) => CHAR_KINDS[k].range).join('')}]`;
    out += p.min === p.max ? (p.min === 1 ? set : `${set}{${p.min}}`) : `${set}{${p.min},${p.max}}`;
  }
  return out ? `^${out}$` : null;
}

/** The parts in words, as the studio shows the built pattern: 「2 个大写字母，然后 6–10 个数字」. */
export function describePattern(parts: readonly PatternPart[]): string {
  return parts
    .map((p) =>
      'text' in p
        ? `「${p.text}」`
        : `${p.min === p.max ? p.min : `${p.min}–${p.max}`} 个${p.chars.map((k) => CHAR_KINDS[k].label).join('或')}`,
    )
    .join('，然后 ');
}
