import { type AnyDoc, encodeBase64, toBytes } from '@satchel/core';

/**
 * Replicated writes (`new_edits: false`) reach a foreign adapter with their attachment data
 * as base64, CouchDB's JSON form. The replicator reads attachments as binary (a Buffer on
 * Node), and adapters that serialise what they are given, such as pouchdb-replication-stream's
 * `writableStream`, would otherwise write a Buffer's JSON (`{"type":"Buffer","data":[…]}`)
 * into the dump: the bug that makes pouchdb@9's own dumps unloadable (the plugin's issue #60).
 * Every PouchDB adapter accepts base64 data, and the revision is already fixed in such a
 * write, so the form of the data cannot change it. Writes with new edits keep their data as
 * given, because PouchDB's adapters hash it into the new revision id.
 * Documents are copied where changed; the caller's stay as they are.
 */
export async function attachmentsAsBase64(docs: AnyDoc[]): Promise<AnyDoc[]> {
  return Promise.all(docs.map(docWithBase64));
}

async function docWithBase64(doc: AnyDoc): Promise<AnyDoc> {
  const atts = doc._attachments as Record<string, Record<string, unknown>> | undefined;
  if (!atts) return doc;
  const names = Object.keys(atts).filter((name) => {
    const data = atts[name]?.data;
    return data !== undefined && typeof data !== 'string';
  });
  if (names.length === 0) return doc;
  const copied: Record<string, Record<string, unknown>> = { ...atts };
  await Promise.all(
    names.map(async (name) => {
      const att = atts[name] as Record<string, unknown>;
      const bytes = await toBytes(att.data);
      // Data that is not binary is left for the adapter to judge, as PouchDB leaves it.
      if (bytes) copied[name] = { ...att, data: encodeBase64(bytes) };
    }),
  );
  return { ...doc, _attachments: copied } as unknown as AnyDoc;
}
