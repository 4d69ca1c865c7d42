/**
 * What a password must be: at least 12 characters, of more than one kind of character,
 * not containing the username, and not a common password — also not one with a few digits
 * or signs added (`Password2024!`). The common passwords are zxcvbn-ts's list of about
 * 49,000, drawn from published breaches.
 */
import { dictionary } from '@zxcvbn-ts/language-common';
import { MIN_PASSWORD_LENGTH } from '../../schemas/index.ts';

let common: Set<string> | undefined;

/** The common-password list, loaded on first use. */
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common;
}

/** The kinds of character in a text: lower case, upper case, digits, other (signs, spaces, Chinese). */
function kinds(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((k) => k.test(password)).length;
}

/** True when the password is common, or a common one (4+ letters) with digits or signs around it. */
function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  const list = commonPasswords();
  if (list.has(lower)) return true;
  const core = lower.replace(/^[^a-z\u4e00-\u9fff]+|[^a-z\u4e00-\u9fff]+$/g, '');
  return core.length >= 4 && core.length < lower.length && list.has(core);
}

/** Why `password` is refused for `username` (Chinese), or nothing. */
export function passwordProblems(password: string, username: string): string[] {
  const out: string[] = [];
  if ([...password.trim()].length < MIN_PASSWORD_LENGTH) out.push(`密码至少 ${MIN_PASSWORD_LENGTH} 个字符`);
  else if (kinds(password) < 2) out.push('密码不能只用一类字符（请混合字母、数字或符号）');
  if (username && password.toLowerCase().includes(username.toLowerCase())) out.push('密码不能包含用户名');
  if (isCommon(password)) out.push('这是常见密码，容易被猜中，请换一个');
  return out;
}
