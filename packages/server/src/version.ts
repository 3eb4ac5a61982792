/** Versions the welcome answers with: the CouchDB API level served, and Satchel's own. */
export const SERVER_VERSION = { couchdb: '3.3.3', satchel: '0.1.0' } as const;
