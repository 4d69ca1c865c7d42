/**
 * Sign-in throttling, counted in the store (so every instance sees the same counts) under
 * hashed keys (so nothing a client sends grows memory or reaches the database as such).
 * Every attempt is counted before the password is checked, and refused once a count passes
 * its limit; a count starts again after a window (15 minutes) without attempts:
 * - a client address: 30 attempts; a client address with one account: 5;
 * - an account from devices it never signed in from: 10 — an attacker rotating addresses
 *   gets no further, yet cannot lock the owner out: a device that signed in before (its
 *   `yjs_device` cookie) is counted on its own, 10 attempts.
 */
import { createHash } from 'node:crypto';
import type { Store } from '../store/store.ts';

/** The window counts are kept in. */
export const WINDOW_MS = 15 * 60_000;

const LIMITS = { client: 30, clientAccount: 5, account: 10, device: 10 } as const;

/** One counter an attempt touches. */
export interface ThrottleKey {
  key: string;
  limit: number;
}

const hashed = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('base64url');

/** The counters of an attempt from `ip` for `username`, from a trusted device (its token hash) or not. */
export function throttleKeys(ip: string, username: string, trustedDevice: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [
    { key: hashed('client', ip), limit: LIMITS.client },
    { key: hashed('client-account', ip, username), limit: LIMITS.clientAccount },
  ];
  keys.push(
    trustedDevice
      ? { key: hashed('device', trustedDevice, username), limit: LIMITS.device }
      : { key: hashed('account', username), limit: LIMITS.account },
  );
  return keys;
}

/** Counts the attempt; returns 0 when it may go on, else the seconds until it may be tried again. */
export async function admitAttempt(store: Store, keys: readonly ThrottleKey[]): Promise<number> {
  const counts = await store.countLoginAttempts(
    keys.map((k) => k.key),
    WINDOW_MS,
  );
  const over = keys.filter((k, i) => counts[i]! > k.limit);
  if (!over.length) return 0;
  let wait = 1;
  for (const k of over) {
    // a count starts again once the key has been quiet for a whole window
    const last = await store.lastLoginAttempt(k.key);
    const left = last ? Date.parse(last) + WINDOW_MS - Date.now() : WINDOW_MS;
    wait = Math.max(wait, Math.ceil(left / 1000));
  }
  return wait;
}

/** Clears the counters of a successful attempt. */
export async function attemptSucceeded(store: Store, keys: readonly ThrottleKey[]): Promise<void> {
  await store.clearLoginAttempts(keys.map((k) => k.key));
}
