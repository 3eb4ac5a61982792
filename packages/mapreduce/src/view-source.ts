import type { IndexRange } from './index-range.js';
import { selectRange } from './select-range.js';
import type { ViewEntry } from './view-entry.js';

/** A built view that queries read rows from: kept in memory, or stored in an index database. */
export interface ViewSource {
  /** The number of rows in the whole view, as of the last {@link ViewSource.select}. */
  totalRows(): number;
  /**
   * The source database's sequence the view reflects. Asked only for `update_seq`, so a
   * source that must read it to know does so only then.
   */
  updateSeq(): Promise<number | string>;
  /** The rows inside `range`, in its direction, after `skip` and `limit`. */
  select(range: IndexRange, skip?: number, limit?: number): Promise<ViewEntry[]>;
}

/**
 * A {@link ViewSource} over rows held in memory (temporary views).
 * @param entries - the view's rows, sorted by indexable string.
 * @param updateSeq - the sequence they reflect.
 */
export function memorySource(entries: ViewEntry[], updateSeq: number | string): ViewSource {
  return {
    totalRows: () => entries.length,
    updateSeq: async () => updateSeq,
    select: async (range, skip, limit) => selectRange(entries, range, skip, limit),
  };
}
