import { type AttachmentRecord, binaryMd5 } from '@satchel/core';
import type { AttachmentRefs } from './pouch-records.js';
import type { PouchSource } from './pouch-source.js';

/** An attachment record with its bytes, as a commit stores a new attachment. */
export type AttachmentWithData = AttachmentRecord & { data: Uint8Array };

/**
 * The attachment records of `digests` with their bytes, each checked against its digest, so a
 * damaged attachment stops the migration instead of being carried over. PouchDB stores no bytes
 * for empty attachments; those get an empty array, as Satchel stores them.
 */
export async function attachmentRecords(
  source: PouchSource,
  refs: AttachmentRefs,
  digests: readonly string[],
): Promise<AttachmentWithData[]> {
  const stored = await source.binaries(digests);
  return Promise.all(
    digests.map(async (digest, i) => {
      const users = [...(refs.refs.get(digest) ?? [])];
      const data = stored[i] ?? (refs.empty.has(digest) ? new Uint8Array(0) : undefined);
      if (!data) {
        throw source.corrupt(`the bytes of attachment ${digest} (used by ${users[0]}) are missing`);
      }
      const actual = `md5-${await binaryMd5(data)}`;
      if (actual !== digest) {
        throw source.corrupt(
          `attachment ${digest} (used by ${users[0]}) has bytes whose digest is ${actual}`,
        );
      }
      return { digest, refs: users, data };
    }),
  );
}

/** `items` in slices of at most `size`. */
export function* slices<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
