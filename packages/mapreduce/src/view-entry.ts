/** One emitted row, with the indexable string PouchDB would store it under. */
export interface ViewEntry {
  /** `toIndexableString([key, id])`, plus a counter for duplicate keys from one document. */
  indexKey: string;
  key: unknown;
  id: string;
  value: unknown;
}
