import { randomBytes } from 'node:crypto';
import { stringify } from '@satchel/core';
import { badRequest } from './couch-error.js';

/** A multipart body ready to send. */
export interface MultipartBody {
  type: string;
  body: Buffer;
}

interface Attachment {
  content_type?: string;
  data?: unknown;
  digest?: string;
  length?: number;
  revpos?: number;
  stub?: boolean;
  follows?: boolean;
}

type Doc = Record<string, unknown> & { _attachments?: Record<string, Attachment> };

const CRLF = '\r\n';
const newBoundary = (): string => randomBytes(16).toString('hex');

/** Joins parts (`headers`, `body`) under `boundary`, as RFC 2046 lays them out. */
function joinParts(boundary: string, parts: { headers: string[]; body: Buffer }[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(
      Buffer.from(`--${boundary}${CRLF}${part.headers.join(CRLF)}${CRLF}${CRLF}`),
      part.body,
      Buffer.from(CRLF),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--`));
  return Buffer.concat(chunks);
}

/**
 * A document as CouchDB's `multipart/related`: the JSON with `"follows": true` stubs first, then
 * each attachment's bytes in the same order. `doc` must carry attachment data as base64 text.
 */
export function toMultipartRelated(doc: Doc): MultipartBody {
  const boundary = newBoundary();
  const json: Doc = { ...doc, _attachments: {} };
  const bodies: { headers: string[]; body: Buffer }[] = [];
  for (const [name, att] of Object.entries(doc._attachments ?? {})) {
    if (typeof att.data !== 'string') {
      (json._attachments as Record<string, Attachment>)[name] = att;
      continue;
    }
    const bytes = Buffer.from(att.data, 'base64');
    const { data: _data, ...rest } = att;
    (json._attachments as Record<string, Attachment>)[name] = {
      ...rest,
      length: bytes.length,
      follows: true,
    };
    bodies.push({
      headers: [
        `Content-Disposition: attachment; filename="${name.replaceAll('"', '\\"')}"`,
        `Content-Type: ${att.content_type ?? 'application/octet-stream'}`,
        `Content-Length: ${bytes.length}`,
      ],
      body: bytes,
    });
  }
  const first = {
    headers: ['Content-Type: application/json'],
    body: Buffer.from(stringify(json)),
  };
  return {
    type: `multipart/related; boundary="${boundary}"`,
    body: joinParts(boundary, [first, ...bodies]),
  };
}

/**
 * `open_revs` as CouchDB's `multipart/mixed`: a part per revision, a document with attachment
 * bodies as a nested `multipart/related`, a missing revision as `{"missing": rev}` with
 * `error="true"`.
 */
export function openRevsMultipart(rows: { ok?: Doc; missing?: string }[]): MultipartBody {
  const boundary = newBoundary();
  const parts = rows.map((row) => {
    if (!row.ok) {
      return {
        headers: ['Content-Type: application/json; error="true"'],
        body: Buffer.from(JSON.stringify({ missing: row.missing })),
      };
    }
    const hasData = Object.values(row.ok._attachments ?? {}).some(
      (att) => typeof att.data === 'string',
    );
    if (!hasData)
      return {
        headers: ['Content-Type: application/json'],
        body: Buffer.from(stringify(row.ok)),
      };
    const nested = toMultipartRelated(row.ok);
    return { headers: [`Content-Type: ${nested.type}`], body: nested.body };
  });
  return { type: `multipart/mixed; boundary="${boundary}"`, body: joinParts(boundary, parts) };
}

/** The boundary parameter of a multipart content type. */
function boundaryOf(contentType: string): string {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw badRequest('multipart body without a boundary');
  return boundary;
}

/** Splits a multipart body into parts with lower-cased headers. */
function splitParts(
  body: Buffer,
  boundary: string,
): { headers: Record<string, string>; body: Buffer }[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: { headers: Record<string, string>; body: Buffer }[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    const raw = body.subarray(start, next);
    const headerEnd = raw.indexOf('\r\n\r\n');
    if (headerEnd < 0) throw badRequest('malformed multipart part');
    const headers: Record<string, string> = {};
    for (const line of raw.subarray(0, headerEnd).toString().split('\r\n')) {
      const cut = line.indexOf(':');
      if (cut > 0) headers[line.slice(0, cut).trim().toLowerCase()] = line.slice(cut + 1).trim();
    }
    let end = raw.length;
    if (raw.subarray(end - 2).toString() === '\r\n') end -= 2;
    parts.push({ headers, body: raw.subarray(headerEnd + 4, end) });
    at = next;
  }
  return parts;
}

/**
 * Reads a `multipart/related` document upload (CouchDB's replicator sends documents with
 * attachments this way): the JSON part, with each `follows` attachment filled in from the
 * following parts (by file name, else in order) as base64 `data`.
 */
export function parseMultipartRelated(body: Buffer, contentType: string): Doc {
  const [first, ...rest] = splitParts(body, boundaryOf(contentType));
  if (!first) throw badRequest('empty multipart body');
  let doc: Doc;
  try {
    doc = JSON.parse(first.body.toString('utf8')) as Doc;
  } catch {
    throw badRequest('invalid UTF-8 JSON');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw badRequest('Document must be a JSON object');
  }
  const byName = new Map<string, Buffer>();
  for (const part of rest) {
    const name = /filename="((?:[^"\\]|\\.)*)"/.exec(
      part.headers['content-disposition'] ?? '',
    )?.[1];
    if (name !== undefined) byName.set(name.replaceAll('\\"', '"'), part.body);
  }
  let next = 0;
  for (const [name, att] of Object.entries(doc._attachments ?? {})) {
    if (!att.follows) continue;
    const bytes = byName.get(name) ?? rest[next]?.body;
    next += 1;
    if (!bytes) throw badRequest(`attachment ${name} is missing from the multipart body`);
    // A part shorter or longer than its stub says was cut or mixed up on the way: refused, so
    // that what is stored is what the sender meant (an encoded part's length is another field).
    if (typeof att.length === 'number' && !('encoding' in att) && att.length !== bytes.length) {
      throw badRequest(
        `attachment ${name} is ${bytes.length} bytes in the multipart body, its stub says ${att.length}`,
      );
    }
    delete att.follows;
    delete att.length;
    delete att.stub;
    att.data = bytes.toString('base64');
  }
  return doc;
}
