import { encodeBase64, toBinaryOutput } from '../base64.js';
import type { AnyDoc } from '../types/documents.js';
import type { AdapterState } from './state.js';

/** How attachment data is inlined: base64 strings, or Buffer/Blob with `binary`. */
export interface InlineShape {
  binary?: boolean;
}

/**
 * Replaces the stubs of each document with the attachment data, as `attachments: true` asks:
 * `data` is set and `stub` and `length` go, as in PouchDB.
 *
 * One attachment at a time: its bytes are read, turned into output and dropped before the next
 * read, so a document with many large attachments never holds all their raw bytes beside the
 * output (which must all be alive at the end anyway).
 */
export async function inlineAttachments(
  state: AdapterState,
  docs: readonly AnyDoc[],
  shape: InlineShape,
): Promise<void> {
  for (const doc of docs) {
    const atts = (doc._attachments ?? {}) as unknown as Record<string, Record<string, unknown>>;
    for (const name of Object.keys(atts)) {
      const att = atts[name]!;
      const bytes = (await state.engine.getAttachment(String(att.digest))) ?? new Uint8Array(0);
      att.data = shape.binary
        ? toBinaryOutput(ownBytes(state, bytes), att.content_type as string | undefined)
        : encodeBase64(bytes);
      delete att.stub;
      delete att.length;
    }
  }
}

/**
 * Bytes the caller may keep and change: an engine without `freshReads` (memory) returns the
 * stored array itself, which a reader's Buffer must not alias, or writing to it would change
 * the stored attachment under its digest. (`new Uint8Array` copies; a stored Node Buffer's own
 * `slice` would not.)
 */
export function ownBytes(state: AdapterState, bytes: Uint8Array): Uint8Array {
  return state.engine.freshReads ? bytes : new Uint8Array(bytes);
}
