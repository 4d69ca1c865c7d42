/**
 * Password hashing with scrypt (node:crypto): a random salt per password, constant-time
 * checks, cost 2^17 by default (PASSWORD_COST lowers it only for tests and small machines).
 * A check of an unknown account costs the same as a known one, and a sign-in with a hash of
 * a lower cost asks for a rehash.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** log2 of scrypt's N by default: 2^17 (128 MiB of memory per hash with r = 8). */
export const DEFAULT_COST = 17;
const R = 8;
const P = 1;
const KEYLEN = 32;

/** How many password checks ran (a check of an unknown account included); for tests and metrics. */
export const passwordChecks = { count: 0 };

function derive(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  const maxmem = 256 * (options.N ?? 1) * (options.r ?? R) + 1024 * 1024;
  return new Promise((ok, fail) =>
    scrypt(password.normalize('NFKC'), salt, keylen, { ...options, maxmem }, (err, key) => (err ? fail(err) : ok(key))),
  );
}

/** `scrypt$N$r$p$salt$hash`, base64url parts, at cost 2^`log2Cost`. */
export async function hashPassword(password: string, log2Cost = DEFAULT_COST): Promise<string> {
  const N = 2 ** log2Cost;
  const salt = randomBytes(16);
  const key = await derive(password, salt, KEYLEN, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

const decoys = new Map<number, Promise<string>>();

/** A hash of a random password at this cost, checked when the account does not exist. */
function decoy(log2Cost: number): Promise<string> {
  let hash = decoys.get(log2Cost);
  if (!hash) decoys.set(log2Cost, (hash = hashPassword(randomBytes(16).toString('base64url'), log2Cost)));
  return hash;
}

/** Checks `password` against `stored` (or, with no account, against a decoy of equal cost); `rehash` when the stored cost is lower than `log2Cost`. */
export async function verifyPassword(
  password: string,
  stored: string | null,
  log2Cost = DEFAULT_COST,
): Promise<{ ok: boolean; rehash: boolean }> {
  passwordChecks.count++;
  const hash = stored ?? (await decoy(log2Cost));
  const [scheme, n, r, p, salt, expectedText] = hash.split('$');
  if (scheme !== 'scrypt' || !salt || !expectedText) return { ok: false, rehash: false };
  const expected = Buffer.from(expectedText, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  const ok = stored !== null && key.length === expected.length && timingSafeEqual(key, expected);
  return { ok, rehash: ok && Number(n) < 2 ** log2Cost };
}

/** A random password for the first-start admin account (it passes the policy). */
export function generatePassword(): string {
  return `${randomBytes(6).toString('hex')}-${randomBytes(6)
    .toString('base64url')
    .replace(/[^A-Za-z]/g, 'K')}Q9`;
}
