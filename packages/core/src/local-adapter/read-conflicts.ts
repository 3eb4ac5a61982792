import type { DocRecord } from '../engine/engine.js';
import { collectConflicts, collectDeletedConflicts } from '../rev-tree/conflicts.js';
import type { AnyDoc } from '../types/documents.js';
import type { ReadShape } from './read-doc.js';

/**
 * Adds the conflicts `shape` asks for (`conflicts`, `deleted_conflicts`) to a document read:
 * the other leaves of its tree, live or deleted, when there are any. Loaded on first use: a
 * page that never resolves conflicts never asks for them.
 */
export function addConflicts(doc: AnyDoc, record: DocRecord, shape: ReadShape): void {
  if (shape.conflicts) {
    const conflicts = collectConflicts(record);
    if (conflicts.length > 0) doc._conflicts = conflicts;
  }
  if (shape.deleted_conflicts) {
    const deleted = collectDeletedConflicts(record);
    if (deleted.length > 0) doc._deleted_conflicts = deleted;
  }
}
