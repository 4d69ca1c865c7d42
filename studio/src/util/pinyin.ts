/**
 * Search by name, code or pinyin initials (officials type `sybx` for 失业保险). Initials come
 * from the zh collation every modern browser ships (ICU): a character's initial is the last
 * letter boundary it sorts after, so no dictionary has to be downloaded.
 */
const LETTERS = 'abcdefghjklmnopqrstwxyz';
const BOUNDARIES = '吖八嚓哒妸发旮哈讥咔垃妈拏喔妑七呥扨他穵夕丫帀';
const collator = new Intl.Collator('zh-Hans-CN');
const cache = new Map<string, string>();

function initialOf(char: string): string {
  if (!/[\u4e00-\u9fff]/.test(char)) return /[a-z0-9]/i.test(char) ? char.toLowerCase() : '';
  let letter = '';
  for (let i = 0; i < BOUNDARIES.length; i++) {
    if (collator.compare(char, BOUNDARIES[i]!) >= 0) letter = LETTERS[i]!;
    else break;
  }
  return letter;
}

/** Pinyin initials of a Chinese text, lower case (`失业保险金申领` → `sybxjsl`). */
export function initials(text: string): string {
  let hit = cache.get(text);
  if (hit === undefined) {
    hit = [...text].map(initialOf).join('');
    cache.set(text, hit);
  }
  return hit;
}

/** True when `query` matches the name, the code or the name's pinyin initials. */
export function matches(query: string, name: string, code = ''): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return name.toLowerCase().includes(q) || code.toLowerCase().includes(q) || initials(name).includes(q.replace(/\s+/g, ''));
}
