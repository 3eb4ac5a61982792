/**
 * Random identifiers in PouchDB 9's formats. PouchDB draws them all from `uuid.v4()`; Satchel
 * uses the platform's Web Crypto (Node 20+ and browsers), so there is no dependency.
 *
 * @packageDocumentation
 */

/**
 * A version-4 UUID made from `getRandomValues`, for browsers that hide `randomUUID` outside
 * secure contexts (plain-http pages).
 */
function uuidFromRandomBytes(): string {
  const b = globalThis.crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40; // version 4
  b[8] = (b[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const h = Array.from(b, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A random version-4 UUID, lowercase with dashes (`'1b4e28ba-2fa1-4d2e-8a3f-6b2f1c0d9e8a'`):
 * the `_id` PouchDB 9 gives a document written with `post` (or without `_id`), and the form of
 * its database instance ids.
 */
export function uuid(): string {
  const crypto = globalThis.crypto;
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : uuidFromRandomBytes();
}

/**
 * A random revision hash: 32 lowercase hex digits, which is how PouchDB 9 makes one when
 * `deterministic_revs` is off (a v4 UUID without its dashes, so digit 13 is always `4`).
 */
export function randomRevId(): string {
  return uuid().replaceAll('-', '');
}

/**
 * A fresh replication session id, stored as `session_id` in replication checkpoints: PouchDB 9
 * uses a v4 UUID with dashes.
 */
export function replicationSessionId(): string {
  return uuid();
}
