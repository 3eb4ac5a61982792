// Internal to core (not exported by the package): the hash of a generated document's
// revision, which PouchDB computes over the document's JSON with its `_id` appended.

import { createStringMd5, stringMd5 } from './md5.js';

/** Below this length the two parts of {@link stringMd5Joined} are simply joined. */
const JOIN_BELOW = 4096;

/**
 * `stringMd5` of `head + tail`. A long `head` is hashed where it is, in two updates:
 * hashing the joined string would first copy it whole (a join is flattened to be read), a
 * copy as large as the document that is garbage at once.
 */
export function stringMd5Joined(head: string, tail: string): string {
  if (head.length < JOIN_BELOW) return stringMd5(head + tail);
  const md5 = createStringMd5();
  md5.update(head);
  md5.update(tail);
  return md5.hex();
}
