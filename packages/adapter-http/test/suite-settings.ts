import type { AdapterSuiteConfig } from '@satchel/adapter-suite';

/**
 * Every skip below was checked against pouchdb@9's own http adapter on the same server: it
 * fails (or hangs) on each of them in the same way, so they are limits of the server or of
 * CouchDB's HTTP API, not of the adapter.
 */
const SERVER = 'express-pouchdb (the test server)';
const DELETED_REASON = `${SERVER} answers reason "missing" for a deleted document, CouchDB "deleted"`;
const NAME_IS_URL =
  'a remote database is named by its URL while info().db_name is the name on the server (as in PouchDB)';
const SERVER_SETTING =
  'a server-side database setting: the http adapter (like PouchDB) does not send the option';

/** Skips that only apply to the in-memory test server, not to a real CouchDB. */
const testServerSkips: Record<string, string> = {
  'basics: put with _deleted: true and a rev deletes the document': DELETED_REASON,
  'basics: remove(doc) deletes and answers {ok, id, rev} with the next generation': DELETED_REASON,
  'bulk-docs: updates and deletes in bulk check each rev': DELETED_REASON,
  'bulk-docs: a new document written as deleted is stored as a tombstone': DELETED_REASON,
  'conflicts: when every leaf is deleted the document is deleted': DELETED_REASON,
  'design-docs: design documents update, conflict and delete like others': DELETED_REASON,
  'basics: remove with a wrong rev is a 409, of a missing doc a 404': `${SERVER} answers a DELETE with a wrong rev with 404, not 409`,
  'basics: an unknown underscore field is a 500 doc_validation error': `${SERVER} words the reason "Bad special document member: _foo"`,
  'get-options: open_revs that is neither "all" nor a list is 500 unknown_error function_clause': `${SERVER} gives no "function_clause" reason`,
  'basics: ids starting above U+00FF are listed like any other': `${SERVER}'s _all_docs stops its default range before ids above U+00FF`,
  'bulk-docs: a second edit of one parent in one request is a 409 and leaves no trace': `${SERVER} keeps the refused revision as a missing leaf`,
  'conflicts: an edit of a non-leaf revision is a 409 even when it recreates an existing revision': `${SERVER} throws internally on this write and never answers`,
  'bulk-get: a missing document answers an error with reason "missing"': `${SERVER}'s _bulk_get answers {} and mixes up the rows of missing documents`,
  'lifecycle: destroy also destroys registered dependent databases': `${SERVER} answers no_db_file to the first write into the just-created dependent database`,
  purge: `${SERVER} has no _purge`,
};

/**
 * The suite's capabilities and skips for the http adapter, shared by the Node run and the
 * Chromium run (presets/browser). `realCouch`: the server is a real CouchDB (`COUCH_URL`).
 */
export function httpSuiteSettings(
  realCouch: boolean,
): Pick<AdapterSuiteConfig, 'capabilities' | 'skip'> {
  return {
    capabilities: {
      revsLimit: false,
      autoCompaction: false,
      // pouchdb-server computes PouchDB's revision hashes; a real CouchDB does not.
      deterministicRevs: !realCouch,
    },
    skip: {
      'revs-limit': SERVER_SETTING,
      'info: a fresh database: no documents, update_seq 0, its name and adapter': NAME_IS_URL,
      'lifecycle: the name may be given in the options object': NAME_IS_URL,
      ...(realCouch ? {} : testServerSkips),
    },
  };
}
