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
 */
export async function inlineAttachments(
  state: AdapterState,
  docs: readonly AnyDoc[],
  shape: InlineShape,
): Promise<void> {
  const atts = docs.flatMap((doc) =>
    Object.values((doc._attachments ?? {}) as unknown as Record<string, Record<string, unknown>>),
  );
  const bytes = await Promise.all(
    atts.map((att) => state.engine.getAttachment(String(att.digest))),
  );
  atts.forEach((att, i) => {
    const data = bytes[i] ?? new Uint8Array(0);
    att.data = shape.binary
      ? toBinaryOutput(data, att.content_type as string | undefined)
      : encodeBase64(data);
    delete att.stub;
    delete att.length;
  });
}
