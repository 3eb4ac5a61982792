import type {
  availableRevs,
  importedDocRecord,
  storedBody,
} from './local-adapter/imported-records.js';
import { occasional } from './occasional.js';

/** What code bringing databases over from PouchDB uses of core to build their records. */
export interface MigrationHelpers {
  availableRevs: typeof availableRevs;
  importedDocRecord: typeof importedDocRecord;
  storedBody: typeof storedBody;
}

/**
 * Loads {@link MigrationHelpers} with core's code loaded on first use, for migration code that
 * is itself loaded on first use (a browser adapter's import of pouchdb-browser databases): a
 * page that never migrates then does not load them up front, as it would by importing them.
 * The same functions are exported by name too, for code that runs where size does not matter.
 * They come with the rest of that code rather than in a chunk of their own: each chunk split
 * off shares more of core with the page (measured: 0.5 KB more up front).
 */
export function loadMigrationHelpers(): Promise<MigrationHelpers> {
  return occasional.load();
}
