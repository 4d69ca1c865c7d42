/**
 * Named string formats of the one form. The emitted schema carries a `pattern` for each
 * format's shape (any validator checks it) and the `format` name, whose checksum every
 * runtime registers from here (server AJV, studio preview), so they never disagree.
 */
import type { FieldFormat } from './types.ts';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 公民身份号码 (GB 11643-1999): 18 characters, a real birth date and the ISO 7064 check character. */
export function isValidIdNumber(text: string): boolean {
  // the check character X is often typed in lower case: accepted (normalizeApplication upper-cases it)
  const value = text.toUpperCase();
  if (!/^[1-9]\d{5}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX]$/.test(value)) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === value[17];
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 统一社会信用代码 (GB 32100-2015): 18 characters of its alphabet with a mod-31 check character. */
export function isValidUscc(value: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(value[i]!) * USCC_WEIGHTS[i]!;
  const check = (31 - (sum % 31)) % 31;
  return USCC_CHARS[check] === value[17];
}

/** Shape and checksum of every named format. */
export const FORMATS: Record<
  FieldFormat,
  { pattern: string; check?: (value: string) => boolean; hint: string; normalize?: (value: string) => string }
> = {
  'cn-id-number': {
    pattern: '^[1-9][0-9]{16}[0-9Xx]$',
    check: isValidIdNumber,
    hint: '18 位公民身份号码',
    normalize: (v) => v.toUpperCase(),
  },
  'cn-uscc': { pattern: '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$', check: isValidUscc, hint: '18 位统一社会信用代码' },
  'cn-mobile': { pattern: '^1[3-9][0-9]{9}$', hint: '11 位手机号码' },
  'cn-phone': { pattern: '^(0[0-9]{2,3}-?[0-9]{7,8}|1[3-9][0-9]{9})$', hint: '固定电话或手机号码' },
  'cn-bank-card': { pattern: '^[0-9]{12,19}$', hint: '12 至 19 位银行卡号' },
  'cn-postcode': { pattern: '^[0-9]{6}$', hint: '6 位邮政编码' },
  // unambiguous (the domain's first label cannot hold a dot), so linear in backtracking engines too
  email: { pattern: '^[^@\\s]+@[^@\\s.]+\\.[^@\\s]+$', hint: '电子邮箱地址' },
};

/** The pattern of a full date (YYYY-MM-DD) that every date field carries. */
export const DATE_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';

/** The product's own fixed patterns (formats and dates): no authored text, each linear by construction (a test holds it). */
export const BUILT_IN_PATTERNS: ReadonlySet<string> = new Set([...Object.values(FORMATS).map((f) => f.pattern), DATE_PATTERN]);

/** Validation functions by format name, for registering with a validator. */
export function formatValidators(): Record<FieldFormat, (value: string) => boolean> {
  const out = {} as Record<FieldFormat, (value: string) => boolean>;
  for (const [name, def] of Object.entries(FORMATS) as [FieldFormat, (typeof FORMATS)[FieldFormat]][]) {
    const shape = new RegExp(def.pattern, 'u');
    // no named format is longer than an e-mail address may be
    out[name] = (value) => value.length <= 254 && shape.test(value) && (def.check ? def.check(value) : true);
  }
  return out;
}
