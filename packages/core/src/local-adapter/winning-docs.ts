import type { DocRecord } from '../engine/engine.js';
import { occasional } from '../occasional.js';
import type { AnyDoc } from '../types/documents.js';
import { bodiesAreFresh, materialize } from './read-doc.js';
import type { AdapterState } from './state.js';

/** What listing reads (allDocs, changes) may ask of the documents they include. */
export interface WinningDocShape {
  conflicts?: boolean;
  attachments?: boolean;
  binary?: boolean;
}

/**
 * The winning revision of each record as readers see it, in one batched body read; undefined
 * where the body is gone. Attachment data is inlined when asked.
 */
export async function winningDocs(
  state: AdapterState,
  records: readonly DocRecord[],
  shape: WinningDocShape,
): Promise<(AnyDoc | undefined)[]> {
  const bodies = await state.engine.getRevs(records.map((r) => ({ id: r.id, rev: r.winningRev })));
  // Listing conflicts comes with the code loaded on first use.
  const extras = shape.conflicts ? (occasional.loaded ?? (await occasional.load())) : undefined;
  const read = { conflicts: shape.conflicts };
  const fresh = bodiesAreFresh(state.engine);
  const docs = records.map((record, i) => {
    const body = bodies[i];
    if (!body) return undefined;
    return materialize(record, record.winningRev, body, read, fresh, extras);
  });
  if (shape.attachments) {
    const { inlineAttachments } = occasional.loaded ?? (await occasional.load());
    await inlineAttachments(
      state,
      docs.filter((d): d is AnyDoc => d !== undefined),
      shape,
    );
  }
  return docs;
}
