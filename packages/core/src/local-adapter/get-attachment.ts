import type { AdapterGetAttachmentOptions } from '../adapter/adapter.js';
import * as Errors from '../error-templates.js';
import { createError } from '../errors.js';
import { ownBytes } from './attachments-out.js';
import type { AdapterState } from './state.js';

/** Reads an attachment's bytes from the winning (or given) revision. */
export function getAttachment(
  state: AdapterState,
  docId: string,
  name: string,
  opts: AdapterGetAttachmentOptions,
): Promise<Uint8Array> {
  return state.lock.read(async () => {
    // The caller read the stub already: bytes are stored by digest, so one read is enough.
    // Without them (compacted meanwhile), the full path gives the usual answer.
    if (opts.digest) {
      const bytes = await state.engine.getAttachment(opts.digest);
      if (bytes) return ownBytes(state, bytes);
    }
    const [record] = await state.engine.getDocs([docId]);
    if (!record) throw createError(Errors.MISSING_DOC, 'missing');
    const rev = opts.rev ?? record.winningRev;
    if (!opts.rev && record.deleted) throw createError(Errors.MISSING_DOC, 'deleted');
    const [body] = await state.engine.getRevs([{ id: docId, rev }]);
    const att = (body?._attachments as Record<string, { digest?: string }> | undefined)?.[name];
    if (!att?.digest) throw createError(Errors.MISSING_DOC);
    const bytes = await state.engine.getAttachment(att.digest);
    return bytes ? ownBytes(state, bytes) : new Uint8Array(0);
  });
}
