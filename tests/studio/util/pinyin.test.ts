import { describe, expect, it } from 'vitest';
import { initials, matches } from '../../../studio/src/util/pinyin.ts';

describe('pinyin search', () => {
  it.each([
    ['失业保险金申领', 'sybxjsl'],
    ['社会保障卡申领', 'shbzksl'],
    ['企业职工基本养老保险退休审批', 'qyzgjbylbxtxsp'],
    ['工伤医疗（康复、住院伙食补助）费用申领', 'gsylkfzyhsbzfysl'],
  ])('%s → %s', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });

  it('matches by name, code or initials', () => {
    expect(matches('sybx', '失业保险金申领', 'JSRS-SY-0101')).toBe(true);
    expect(matches('SY-01', '失业保险金申领', 'JSRS-SY-0101')).toBe(true);
    expect(matches('保险金', '失业保险金申领')).toBe(true);
    expect(matches('gsyl', '失业保险金申领')).toBe(false);
  });
});
