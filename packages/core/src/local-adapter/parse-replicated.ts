import { checkDocId } from '../doc-id.js';
import { checkGeneration, checkRevisionList, hasRevisionList } from '../replicated-revs.js';
import { makeRevTreeFromRevisions } from '../rev-tree/from-revisions.js';
import type { RevTreePath } from '../rev-tree/types.js';
import type { AnyDoc } from '../types/documents.js';
import { availableStatus, type ParsedDoc, splitBody } from './parse-doc.js';
import { parseRev } from './rev-info.js';

/** Parses a document replicated in with `new_edits: false` (its revision is kept). */
export function parseReplicated(doc: AnyDoc): ParsedDoc {
  const deleted = Boolean(doc._deleted);
  const status = availableStatus(deleted);
  let path: RevTreePath;
  let rev: string;
  const revisions = doc._revisions;
  if (hasRevisionList(revisions)) {
    checkRevisionList(revisions);
    path = makeRevTreeFromRevisions(revisions, status)[0]!;
    rev = `${revisions.start}-${revisions.ids[0]}`;
  } else {
    checkGeneration(doc._rev);
    const parsed = parseRev(doc._rev);
    path = { pos: parsed.pos, ids: [parsed.hash, status, []] };
    rev = `${parsed.pos}-${parsed.hash}`;
  }
  checkDocId(doc._id);
  const id = doc._id;
  return { id, rev, path, deleted, body: splitBody(doc).body };
}
