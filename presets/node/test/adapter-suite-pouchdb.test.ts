import { runAdapterSuite } from '@satchel/adapter-suite';
import { PouchDB, pouchOptions } from './pouchdb-oracle.js';

/**
 * The adapter suite run against pouchdb@9 itself: this is how the suite's expectations are
 * checked. Every skip below is a place where pouchdb@9 misbehaves and the suite asserts the
 * sane behaviour Satchel must have instead.
 */
runAdapterSuite({
  label: 'pouchdb@9 memory (oracle)',
  Satchel: PouchDB,
  options: pouchOptions,
  capabilities: {
    // pouchdb-adapter-memory has no _purge ("Purge is not implemented in the memory adapter").
    purge: false,
    // Closing one handle closes the store every handle of that name shares; the others hang.
    independentClose: false,
  },
  skip: {
    'bulk-get: an empty request answers no results': 'pouchdb@9 never answers bulkGet({docs: []})',
    'bulk-docs: a second edit of one parent in one request is a 409 and leaves no trace':
      'pouchdb@9 answers 409 yet leaves the rejected revision in the tree as a bodiless leaf',
    'basics: ids starting above U+00FF are listed like any other':
      "pouchdb@9's level adapters bound id ranges with '\\xff': ids starting above U+00FF vanish from allDocs",
    'conflicts: an edit of a non-leaf revision is a 409 even when it recreates an existing revision':
      'on a deleted document pouchdb@9 throws an uncaught TypeError inside bulkDocs and never answers',
    'attachments: bytes a reader gets are its own: writing to them changes nothing stored':
      'pouchdb-adapter-memory hands getAttachment callers the Buffer it stores: a write to it rewrites the attachment',
  },
});
