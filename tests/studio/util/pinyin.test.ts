import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';
import { initials, matches, spellings } from '../../../studio/src/util/pinyin.ts';

/** Every initial a character can have, by pinyin-pro (the oracle: a dictionary, test-only). */
const readings = (char: string) => new Set(pinyin(char, { pattern: 'first', toneType: 'none', multiple: true, type: 'array' }));

/** GB 2312 level 1: the 3,755 most common characters, decoded from their code points. */
function commonCharacters(): string[] {
  const gb = new TextDecoder('gb18030');
  const out: string[] = [];
  for (let hi = 0xb0; hi <= 0xd7; hi++)
    for (let lo = 0xa1; lo <= 0xfe && !(hi === 0xd7 && lo > 0xf9); lo++) out.push(gb.decode(new Uint8Array([hi, lo])));
  return out;
}

describe('pinyin search', () => {
  it.each([
    ['失业保险金申领', 'sybxjsl'],
    ['社会保障卡申领', 'shbzksl'],
    ['企业职工基本养老保险退休审批', 'qyzgjbylbxtxsp'],
    ['工伤医疗（康复、住院伙食补助）费用申领', 'gsylkfzyhsbzfysl'],
    ['失业保险关系转入', 'sybxgxzr'],
    ['城乡居民养老保险关系转入', 'cxjmylbxgxzr'],
  ])('%s → %s', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });

  it('matches by name, code or initials, either reading of a two-reading character', () => {
    expect(matches('sybx', '失业保险金申领', 'JSRS-SY-0101')).toBe(true);
    expect(matches('SY-01', '失业保险金申领', 'JSRS-SY-0101')).toBe(true);
    expect(matches('保险金', '失业保险金申领')).toBe(true);
    expect(matches('gsyl', '失业保险金申领')).toBe(false);
    expect(spellings('人员调入')).toEqual(['rydr', 'rytr']);
    expect(matches('rydr', '人员调入')).toBe(true);
    expect(matches('rytr', '人员调入')).toBe(true);
  });

  it('gives each of the 3,755 most common characters an initial of one of its readings', () => {
    const chars = commonCharacters();
    expect(chars).toHaveLength(3755);
    expect([chars[0], chars.at(-1)]).toEqual(['啊', '座']);
    const wrong = chars.filter((c) => !readings(c).has(initials(c)));
    expect(wrong).toEqual([]);
  });

  it('knows two initials only for characters that have both readings', () => {
    for (const char of commonCharacters()) {
      const spelled = spellings(char);
      if (spelled.length > 1) for (const letter of spelled) expect(readings(char).has(letter), `${char}: ${letter}`).toBe(true);
    }
  });

  it('spells every catalog name as the dictionary does', () => {
    const defs = loadDefinitions();
    const names = [
      ...defs.matters.map((m) => m.name),
      ...defs.bundles.map((b) => b.name),
      ...defs.bundles.flatMap((b) => b.scenarios.map((s) => s.label)),
      ...defs.materials.materials.map((m) => m.name),
      ...defs.dictionary.elements.map((e) => e.label),
    ];
    expect(names.length).toBeGreaterThan(150);
    for (const name of names) {
      const oracle = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
        .join('')
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '');
      expect(matches(oracle, name), `${name}: ${oracle} vs ${spellings(name).join('/')}`).toBe(true);
    }
  });
});
