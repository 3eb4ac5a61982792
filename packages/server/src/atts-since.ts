/** A document as `get` returns it, with what {@link applyAttsSince} touches. */
interface DocWithAtts {
  _revisions?: { start: number; ids: string[] };
  _attachments?: Record<
    string,
    { revpos?: number; data?: unknown; stub?: boolean; length?: number }
  >;
  [field: string]: unknown;
}

/**
 * CouchDB's `atts_since`: attachment bodies are sent only for attachments added after the
 * newest of the given revisions the document's history contains (the client has the others).
 * `doc` must have been read with `revs` and `attachments`; `keepRevs` says whether the client
 * asked for `_revisions` itself.
 */
export function applyAttsSince(doc: DocWithAtts, since: string[], keepRevs: boolean): DocWithAtts {
  const history = doc._revisions;
  let known = 0;
  if (history) {
    history.ids.forEach((hash, i) => {
      const rev = `${history.start - i}-${hash}`;
      if (since.includes(rev)) known = Math.max(known, history.start - i);
    });
  }
  for (const att of Object.values(doc._attachments ?? {})) {
    if ((att.revpos ?? 0) <= known && att.data !== undefined) {
      att.length ??= Buffer.from(String(att.data), 'base64').length;
      delete att.data;
      att.stub = true;
    }
  }
  if (!keepRevs) delete doc._revisions;
  return doc;
}
