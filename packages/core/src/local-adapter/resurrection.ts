import type { AnyDoc } from '../types/documents.js';
import { type ParsedDoc, parseNewEdit } from './parse-doc.js';

/**
 * A new document written over a deleted one (no `_rev`), as `applyDoc` applies it: its history
 * continues from the deleted winner `parentRev`, and PouchDB hashes it deterministically
 * whatever the database's setting. Loaded on first use, so the hashing of large Buffer
 * attachments that it may need is there too.
 */
export function resurrected(parsed: ParsedDoc, parentRev: string): ParsedDoc {
  const again = parseNewEdit(resurrectionDoc(parsed, parentRev), true);
  return { ...again, incoming: parsed.incoming };
}

/**
 * The document PouchDB re-hashes when a deleted document is written again without `_rev`. Its
 * content is that of the body's text when there is one (nested objects of `parsed.body` may be
 * the caller's, changed since the call), unless a `toJSON` made that text.
 */
function resurrectionDoc(parsed: ParsedDoc, parentRev: string): AnyDoc {
  const { body, bodyJson } = parsed;
  const content =
    bodyJson === undefined || Object.hasOwn(body, 'toJSON')
      ? body
      : (JSON.parse(bodyJson) as AnyDoc);
  return { ...content, _rev: parentRev, _id: parsed.id };
}
