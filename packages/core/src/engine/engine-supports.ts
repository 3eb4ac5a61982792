/**
 * An engine's capability manifest, in the spirit of abstract-level's `supports`: facts about
 * the engine that LocalAdapter acts on and that the engine suite reads to pick its tests, so no
 * test configuration hard-codes them. Every field is required: an engine states each one.
 */
export interface EngineSupports {
  /**
   * Other writers may commit to the same store behind this engine's back (tabs sharing an
   * IndexedDB database, devices sharing a Drive folder, engines sharing one in-memory store),
   * so `commit` really can be refused, and `watch` (when offered) reports their writes. The
   * engine suite then opens two engines on one store and races them.
   */
  externalWrites: boolean;
  /**
   * `scanDocs` and `scanSeqs` honour ranges, `reverse` and `limit`, in code-point id order and
   * seq order. When `false`, LocalAdapter only asks for whole scans (`{}`) and sorts, filters
   * and slices itself: correct, but every range read costs a full scan.
   */
  sortedScans: boolean;
  /**
   * `purge()` is allowed: the engine really deletes document records (`deleteDocs`) and the
   * bodies named in `deleteRevs`. When `false`, LocalAdapter rejects `purge()` with PouchDB's
   * "not implemented" error, as PouchDB's adapters without purge do.
   */
  purge: boolean;
  /**
   * Data survives `close()` and a new engine opened on the same store (the engine suite then
   * checks a reopen). `false` for a store that lives only as long as its engine.
   */
  persistent: boolean;
}
