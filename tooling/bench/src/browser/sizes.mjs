// Chromium bench sizes: the Node bench's names (../sizes.mjs), scaled down because an
// IndexedDB write costs far more than a LevelDB one and pouchdb's `idb` adapter is slow.
import { FULL } from '../sizes.mjs';

export const FULL_BROWSER = {
  ...FULL,
  reps: 3,
  inserts: 300,
  bulkBatches: 20,
  updates: 300,
  gets: 500,
  includeDocsRounds: 50,
  keysRounds: 20,
  changesDocs: 2000,
  viewBuildDocs: 1000,
  findDocs: 2000,
  findEqRounds: 20,
  replicationDocs: 1000,
};

export const QUICK_BROWSER = {
  ...FULL_BROWSER,
  reps: 1,
  inserts: 100,
  bulkBatches: 5,
  updates: 100,
  gets: 100,
  includeDocsRounds: 10,
  keysRounds: 5,
  changesDocs: 500,
  viewBuildDocs: 200,
  findDocs: 500,
  findEqRounds: 5,
  replicationDocs: 200,
};
