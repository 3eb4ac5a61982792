// Workload sizes. Full sizes follow PouchDB's own perf suite (tests/performance in pouchdb),
// with more iterations where one of PouchDB's runs lasts only a few milliseconds; quick sizes
// check the runner works and give a rough picture in about a minute (one repetition).
export const FULL = {
  reps: 3,
  /** basic-inserts: sequential `post`s. */
  inserts: 1000,
  /** bulk-inserts*: `bulkDocs` calls, and docs per call. */
  bulkBatches: 100,
  bulkSize: 100,
  /** bulk-inserts-large-docs: fields per doc. */
  largeFields: 100,
  /** bulk-inserts-deep-docs: calls, docs per call, and each doc's nesting. */
  deepBatches: 10,
  deepDocs: 50,
  deepLevels: 7,
  deepFanout: 2,
  /** updates-put: get+put of existing docs (of `smallDocs`). */
  updates: 1000,
  /** updates-bulk: rounds of allDocs + bulkDocs over `updateBulkDocs` docs. */
  updateRounds: 100,
  updateBulkDocs: 100,
  /** Docs in the read workloads' databases (PouchDB's 1,000 `{foo, baz}` docs). */
  smallDocs: 1000,
  gets: 1000,
  includeDocsRounds: 100,
  rangeRounds: 50,
  keysRounds: 100,
  keysPerQuery: 50,
  skipRounds: 50,
  /** changes-since-0: docs in the feed. */
  changesDocs: 10_000,
  /** Views: `viewBatches` x 12 docs of PouchDB's mixed keys. */
  viewBatches: 100,
  viewBuildDocs: 1000,
  tempViewRounds: 3,
  viewRounds: 10,
  /** Mango: docs, and queries per run (indexed `$eq` runs `findEqRounds`). */
  findDocs: 5000,
  findRounds: 3,
  findEqRounds: 50,
  /** Attachments: puts of `attachmentBytes` each; a doc of `inlineAttachments` read inline. */
  attachments: 200,
  attachmentBytes: 50_000,
  inlineAttachments: 100,
  inlineRounds: 10,
  /** replication-*: docs pulled into an empty database, in batches of `replicationBatch`. */
  replicationDocs: 1000,
  replicationBatch: 100,
};

export const QUICK = {
  ...FULL,
  reps: 1,
  inserts: 200,
  bulkBatches: 20,
  deepBatches: 2,
  updates: 200,
  updateRounds: 20,
  gets: 200,
  includeDocsRounds: 20,
  rangeRounds: 10,
  keysRounds: 20,
  skipRounds: 10,
  changesDocs: 2000,
  viewBatches: 20,
  viewBuildDocs: 200,
  tempViewRounds: 1,
  viewRounds: 3,
  findDocs: 2000,
  findEqRounds: 10,
  attachments: 40,
  inlineAttachments: 20,
  inlineRounds: 3,
  replicationDocs: 200,
};
