/** Entity tags of response bodies. */
import { createHash } from 'node:crypto';

/** ETag of a text: a quoted, truncated SHA-256. */
export function etagOf(text: string): string {
  return `"${createHash('sha256').update(text).digest('base64url').slice(0, 22)}"`;
}
