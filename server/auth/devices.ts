/**
 * Devices that signed in before: a random token in a long-lived HttpOnly cookie, only its
 * hash stored with the account. Sign-in throttling counts such a device on its own, so an
 * attacker guessing from elsewhere cannot lock the owner out.
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Store } from '../store/store.ts';
import { cookieValue, hash } from './sessions.ts';

const DEVICE_COOKIE = 'yjs_device';
const DEVICE_DAYS = 180;

/** The hash of the request's device token when that device signed in to `username` before, else null. */
export async function trustedDevice(store: Store, req: Request, username: string): Promise<string | null> {
  const token = cookieValue(req, DEVICE_COOKIE);
  if (!token || !/^[\w-]{20,64}$/.test(token)) return null;
  const tokenHash = hash(token);
  return (await store.isTrustedDevice(tokenHash, username)) ? tokenHash : null;
}

/** After a successful sign-in: remembers the device (a new token when it was not trusted for this account). */
export async function rememberDevice(store: Store, res: Response, username: string, known: string | null, secure: boolean): Promise<void> {
  if (known) {
    await store.trustDevice(known, username);
    return;
  }
  const token = randomBytes(32).toString('base64url');
  await store.trustDevice(hash(token), username);
  res.cookie(DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/api/studio',
    maxAge: DEVICE_DAYS * 24 * 3600_000,
  });
}
