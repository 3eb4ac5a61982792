/** Any JSON value a document field may hold. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/** An attachment as stored on a document: a stub, or inline data. */
export interface AttachmentStub {
  content_type: string;
  digest: string;
  length: number;
  revpos: number;
  stub: true;
}

/** Binary payloads an attachment may be written with. */
export type AttachmentData = string | Uint8Array | ArrayBuffer | Blob;

/** An attachment with its data (base64 string, or binary when `binary: true`). */
export interface FullAttachment {
  content_type: string;
  data: AttachmentData;
  digest?: string;
  length?: number;
  revpos?: number;
  stub?: false;
}

/** An entry of a document's `_attachments`: a stub, or the attachment with its data. */
export type Attachment = AttachmentStub | FullAttachment;

/** Fields with a leading underscore that Satchel (like PouchDB) understands. */
export interface DocumentMeta {
  _id?: string;
  _rev?: string;
  _deleted?: boolean;
  _attachments?: Record<string, Attachment>;
  _revisions?: Revisions;
  _revs_info?: RevInfo[];
  _conflicts?: string[];
  _deleted_conflicts?: string[];
  _local_seq?: number;
}

/** `_revisions`: the ancestry of a revision, newest first. */
export interface Revisions {
  start: number;
  ids: string[];
}

/** One entry of `_revs_info`. */
export interface RevInfo {
  rev: string;
  status: 'available' | 'missing' | 'deleted';
}

/** A document as written by the user: their content plus optional meta fields. */
export type NewDocument<T extends object = object> = T & DocumentMeta;

/** A document as read back: content plus `_id` and `_rev`. */
export type ExistingDocument<T extends object = object> = T &
  DocumentMeta & { _id: string; _rev: string };

/**
 * A typed database's document type, or `Fallback` for an untyped one (`Content` left at its
 * default `object`), so methods of untyped databases keep their loose default result types.
 */
export type UntypedOr<
  Content extends object,
  Fallback extends object = Record<string, unknown>,
> = object extends Content ? Fallback : Content;

/** A document of unknown content, as handled inside the library. */
export type AnyDoc = Record<string, unknown> & DocumentMeta;

/** The result of a successful single write. */
export interface WriteResponse {
  ok: true;
  id: string;
  rev: string;
}
