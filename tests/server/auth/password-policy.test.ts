import { describe, expect, it } from 'vitest';
import { passwordProblems } from '../../../server/auth/password-policy.ts';

describe('password policy', () => {
  it.each([
    ['aaaaaaaaaaaa', 'suzhou', '不能只用一类字符'],
    ['          ', 'suzhou', '至少 12 个字符'],
    ['Short1!', 'suzhou', '至少 12 个字符'],
    ['suzhou-password', 'suzhou', '不能包含用户名'],
    ['SUZHOU_2026_ok', 'suzhou', '不能包含用户名'],
    ['qwerty123456', 'admin', '常见密码'],
    ['1qaz2wsx3edc', 'admin', '常见密码'],
    ['Password2024!', 'admin', '常见密码'],
    ['ILoveYou520!!', 'admin', '常见密码'],
  ])('refuses %j for %s', (password, username, problem) => {
    expect(passwordProblems(password, username).join('；')).toContain(problem);
  });

  it.each([
    ['Kx7-yellow-river-2026', 'suzhou'],
    ['苏州园林-拙政园-2026', 'suzhou'],
    ['correct-horse-battery', 'admin'],
  ])('accepts %j', (password, username) => {
    expect(passwordProblems(password, username)).toEqual([]);
  });
});
