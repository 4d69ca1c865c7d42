/**
 * A fresh Idempotency-Key: 128 random bits as hex. `crypto.randomUUID` exists only in secure
 * contexts, and the studio is often reached over plain HTTP inside a government network.
 */
export function requestKey(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}
