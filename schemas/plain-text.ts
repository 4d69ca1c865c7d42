/**
 * Text that shows what it says: names and labels may not hide characters (zero-width, soft
 * hyphen, BOM), reorder what is read (bidi overrides, embeddings, isolates, marks), carry
 * control characters or half a character (a lone surrogate). Text is stored normalised (NFC), so
 * the same name typed two ways is the same name. The one rule for the document schemas (format
 * `plain-text`), the studio's inputs (they validate with the same schemas) and the import.
 */

/** Controls (C0, DEL, C1), soft hyphen, Arabic letter mark, Mongolian vowel separator, zero-width and bidi marks, embeddings and overrides, invisible operators, isolates, deprecated format characters, BOM, interlinear annotations. */
const HIDDEN_CLASS =
  '[\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff\\ufff9-\\ufffb]';
/** Half a character: a surrogate not in a pair (in `u` mode a lone one is its own code point). */
const LONE_SURROGATE_CLASS = '[\\ud800-\\udfff]';
const HIDDEN = new RegExp(HIDDEN_CLASS, 'u');
const LONE_SURROGATE = new RegExp(LONE_SURROGATE_CLASS, 'u');
const ANY_UNSHOWN = new RegExp(`${HIDDEN_CLASS}|${LONE_SURROGATE_CLASS}`, 'gu');

/** True when `text` has no hidden, reordering or control character and no lone surrogate. */
export function isPlainText(text: string): boolean {
  return !HIDDEN.test(text) && !LONE_SURROGATE.test(text);
}

/** `value` with every string in it normalised to NFC (objects and arrays copied; other values as they are). */
export function normalizeText<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(normalizeText) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeText(v)])) as T;
  return value;
}

/**
 * `text` as it may be shown on a page: what an applicant typed is kept as typed, but a hidden,
 * reordering or control character (or half a character) is shown as its code point, ⟨U+202E⟩,
 * never given to the page to act on.
 */
export function visibleText(text: string): string {
  return text.replace(ANY_UNSHOWN, (c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`);
}
