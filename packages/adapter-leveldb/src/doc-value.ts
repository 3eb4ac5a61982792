import type { DocRecord } from '@satchel/core';
import { quote } from './json-text.js';
import { numberJson, parseRevTree, revTreeJson } from './rev-tree-codec.js';

/**
 * The value of a document's entry (formats 1 and 2): a header line, then, when the winning revision's
 * body is stored, a newline and that body's JSON.
 *
 * The header is the JSON array `[seq, winningRev, flags, tree]`, with the id appended as a
 * fifth element only when the key cannot carry it (an id holding a lone surrogate is stored
 * as WTF-8, which no text decoding gives back). `flags` is 1 when the winner is deleted, plus
 * 2 once any revision had attachments; `tree` is in {@link revTreeJson}'s form.
 *
 * JSON text never holds a raw newline, so the first one ends the header: a record is read
 * without touching the body, and the body without parsing the header.
 */
export interface DocValue {
  /** The record as stored, minus the body. */
  readonly header: string;
  /** The winning revision's body JSON, if stored. */
  readonly body: string | undefined;
}

/** Header text of `record`; `withId` when the key cannot give the id back. */
export function headerJson(record: DocRecord, withId: boolean): string {
  const flags = (record.deleted ? 1 : 0) + (record.attachments ? 2 : 0);
  const id = withId ? `,${quote(record.id)}` : '';
  return (
    `[${numberJson(record.seq)},${quote(record.winningRev)},${flags},` +
    `${revTreeJson(record.rev_tree)}${id}]`
  );
}

/** The stored value: the header, and the body when there is one. */
export function docValue(header: string, body: string | undefined): string {
  return body === undefined ? header : `${header}\n${body}`;
}

/** Splits a stored value into header and body text. */
export function splitDocValue(value: string): DocValue {
  const nl = value.indexOf('\n');
  return nl < 0
    ? { header: value, body: undefined }
    : { header: value.slice(0, nl), body: value.slice(nl + 1) };
}

/** The end of the header in `value`. */
function headerEnd(value: string): number {
  const nl = value.indexOf('\n');
  return nl < 0 ? value.length : nl;
}

/**
 * The record a stored value holds.
 * @param id - the id from the key; a fifth header element, when present, replaces it.
 */
export function parseDocRecord(value: string, id: string): DocRecord {
  const header = JSON.parse(value.slice(0, headerEnd(value))) as unknown[];
  const flags = header[2] as number;
  const record: DocRecord = {
    id: header.length > 4 ? (header[4] as string) : id,
    rev_tree: parseRevTree(header[3]),
    winningRev: header[1] as string,
    deleted: (flags & 1) !== 0,
    seq: header[0] as number,
  };
  if (flags & 2) record.attachments = true;
  return record;
}

/**
 * The winning revision named by a stored value, read off the header's start when it is plain
 * (`[seq,"rev",…`, no escapes), else by parsing the header.
 */
export function winnerOf(value: string): string {
  const comma = value.indexOf(',');
  if (value.charCodeAt(comma + 1) === 34 /* " */) {
    const close = value.indexOf('"', comma + 2);
    const rev = value.slice(comma + 2, close);
    if (close > 0 && !rev.includes('\\')) return rev;
  }
  return (JSON.parse(value.slice(0, headerEnd(value))) as unknown[])[1] as string;
}

/** The winning revision's body JSON in a stored value, if stored. */
export function bodyOf(value: string): string | undefined {
  const nl = value.indexOf('\n');
  return nl < 0 ? undefined : value.slice(nl + 1);
}
