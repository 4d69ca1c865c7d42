/**
 * Search by name, code or pinyin initials (officials type `sybx` for 失业保险). Initials come
 * from the zh collation every modern browser ships (ICU): a character's initial is the last
 * letter boundary it sorts after, so no dictionary has to be downloaded. Each boundary is the
 * first character of its letter in current ICU (仨 sā for s: 扨, long used, now reads rèn and
 * put every r- character under s). Common characters with two readings of different initials
 * match either way (调入 is diào rù, also typed tr).
 */
const LETTERS = 'abcdefghjklmnopqrstwxyz';
const BOUNDARIES = '吖八嚓哒妸发旮哈讥咔垃妈拏喔妑七呥仨他穵夕丫帀';
/**
 * Common characters with two readings of different initials, each followed by both letters:
 * those of GB 2312 level 1 where ICU's reading is not the usual one, and those whose both
 * readings are everyday words in 人社 work (银行 háng / 行政 xíng, 重新 / 重大, 单位 / 单县…).
 */
const TWO_INITIALS =
  '耙bp泊bp长cz匙cs幢cz弹dt翟dz调dt囤dt镐gh貉hm咀jz埔bp茄jq刹cs伺cs嚣ax栅sz粘nz辗nz' +
  '行hx重cz单ds会hk参cs省sx卡kq属sz传cz解jx校jx降jx率ls系jx强jq曾cz朝cz乘cs藏cz给gj';
/** At most this many spellings of one name are tried (a name has one or two such characters). */
const MAX_SPELLINGS = 16;

const collator = new Intl.Collator('zh-Hans-CN');
const cache = new Map<string, string>();
const alternatives = new Map<string, string>();
for (let i = 0; i < TWO_INITIALS.length; i += 3) alternatives.set(TWO_INITIALS[i]!, TWO_INITIALS.slice(i + 1, i + 3));

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

/** Every way of spelling a text's initials, its two-reading characters either way (`人员调入` → rydr, rytr). */
export function spellings(text: string): string[] {
  let out = [''];
  for (const char of text) {
    const options = alternatives.get(char) ?? initialOf(char);
    if (!options) continue;
    out = out.flatMap((prefix) => [...options].map((letter) => prefix + letter)).slice(0, MAX_SPELLINGS);
  }
  return out;
}

/** True when `query` matches the name, the code or (any spelling of) the name's pinyin initials. */
export function matches(query: string, name: string, code = ''): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const letters = q.replace(/\s+/g, '');
  return name.toLowerCase().includes(q) || code.toLowerCase().includes(q) || spellings(name).some((s) => s.includes(letters));
}
