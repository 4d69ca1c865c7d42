import { describe, expect, it } from 'vitest';
import { isPlainText, normalizeText, visibleText } from '../../../schemas/index.ts';

describe('text that shows what it says', () => {
  it('tells plain text from text that hides, reorders or breaks characters', () => {
    for (const ok of ['失业登记', 'Café', '第 2 个（含 50%）', '𠀀 beyond the BMP']) expect(isPlainText(ok), ok).toBe(true);
    for (const bad of ['a\u202eb', 'a\u200bb', 'a\u2066b\u2069', 'a\u00adb', '\ufeffa', 'a\u0007', 'a\ud800b', 'a\udc00', 'a\u061cb'])
      expect(isPlainText(bad), JSON.stringify(bad)).toBe(false);
  });

  it('normalises every string of a document to NFC, and nothing else', () => {
    expect(normalizeText({ a: ['Cafe\u0301', 1, null, true], b: { c: 'e\u0301' } })).toEqual({ a: ['Café', 1, null, true], b: { c: 'é' } });
  });

  it('shows what an applicant typed without letting a page act on its controls', () => {
    expect(visibleText('张三\u202e伟')).toBe('张三⟨U+202E⟩伟');
    expect(visibleText('a\u200bb\ud800')).toBe('a⟨U+200B⟩b⟨U+D800⟩');
    expect(visibleText('普通文字 𠀀')).toBe('普通文字 𠀀');
  });
});
