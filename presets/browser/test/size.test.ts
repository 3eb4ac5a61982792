import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatSizeTable, measureBundle, type SizeRow } from './bundle-size.js';

const here = fileURLToPath(new URL('.', import.meta.url));

/** What each bundle imports: the exports a real app keeps alive. */
const core = `import { Satchel } from '@satchel/core';`;
const idb = `import { IndexedDbAdapterPlugin } from '@satchel/adapter-indexeddb'; Satchel.plugin(IndexedDbAdapterPlugin);`;
const addOns: Record<string, string> = {
  '@satchel/adapter-memory': `import { memoryAdapter } from '@satchel/adapter-memory/adapter'; Satchel.adapter('memory', memoryAdapter);`,
  '@satchel/adapter-http': `import { httpAdapter } from '@satchel/adapter-http/adapter'; Satchel.adapter('http', httpAdapter);`,
  '@satchel/changes': `import { changesPlugin } from '@satchel/changes'; Satchel.plugin(changesPlugin);`,
  '@satchel/replication': `import { replicationPlugin } from '@satchel/replication/plugin'; Satchel.plugin(replicationPlugin);`,
  '@satchel/mango': `import { mangoPlugin } from '@satchel/mango'; Satchel.plugin(mangoPlugin);`,
  '@satchel/mapreduce': `import { mapreducePlugin } from '@satchel/mapreduce'; Satchel.plugin(mapreducePlugin);`,
};
const keep = `globalThis.Satchel = Satchel;`;

/** Budgets (min+gzip) from the browser issue. */
const BUDGET = { coreIdb: 16 * 1024, preset: 32 * 1024 };
/**
 * Ceilings this check enforces today, on what a page loads initially: a little above the sizes
 * last measured (core + indexeddb 28.8 KB, the preset 39.0 KB: the import of pouchdb-browser
 * databases moved to a chunk loaded only when one exists, -3.0 KB; then core's direct `bulkGet`,
 * +0.8 KB; then the memory engine (its ordered map above all) moved to a chunk loaded when a
 * memory database is first opened, -3.2 KB; then faster writes and listings in core, reader-owned
 * attachment bytes and IndexedDB records carrying their by-seq entry, +1.0 KB; then the code
 * behind mango's, map/reduce's and replication's methods, the http adapter's and the selector
 * matcher of `changes` moved to chunks loaded on first use, the preset 61.7 -> 39.0 KB; then
 * core's code for replication (revsDiff, bulkGet, new_edits: false, the general merge, revs),
 * maintenance, attachment bytes and _local docs moved to one chunk loaded on first use, and
 * core's ES module build ships one file per source file so that bundles of it split the same
 * way, core + indexeddb 28.8 -> 26.0 KB, the preset 39.2 -> 35.0 KB; then core's barrels
 * re-export whole files (a chunk loaded on first use no longer drags core into chunks shared
 * with the page), design-doc and view filters and remote long-polls of `changes`, binary MD5,
 * CouchDB error bodies, the hashing of Node Buffer attachments and a sync's event forwarding
 * moved to chunks loaded on first use, core + indexeddb 26.0 -> 25.3 KB, the preset 35.0 ->
 * 31.8 KB; then fewer hops on the write path, +0.2 KB, and interface-only event overloads; then
 * core's changes-feed reader, its open_revs, latest and keys reads and its revsDiff and purge
 * argument checks moved to the code loaded on first use, and the indexeddb package's entry
 * re-exports whole files (its named re-exports kept the files they named up front),
 * core + indexeddb 25.5 -> 24.3 KB, the preset 32.0 -> 30.9 KB; then group commit of concurrent
 * writes loaded on first use, core + indexeddb 24.1 KB, the preset 30.6 KB; then the general
 * subtree merge split from the status merge a new leaf needs, and core's record builders for
 * databases brought over from PouchDB loaded with its code loaded on first use, core +
 * indexeddb 24.1 -> 23.8 KB, the preset 30.6 -> 30.3 KB; then the settling of attachment
 * references at commit loaded on first use, core + indexeddb 23.6 KB, the preset 30.1 KB; then
 * the Satchel methods replication and maintenance call (bulkGet, purge, destroy) run from the
 * code loaded on first use, with the rules of allDocs by keys, the attachment checks of writes
 * and forced puts, and core's own code takes error templates one by one (a page keeps only
 * those it uses), core + indexeddb 24.1 -> 23.2 KB, the preset 30.7 -> 30.2 KB, measured after
 * faster single-document writes and top-level copies of writes had added 0.6 KB; then an
 * emitter's listener-limit warning loaded on first use, and core's up-front code kept in one
 * chunk (core's occasional code re-exports its roots), core + indexeddb 22.9 KB, the preset
 * 30.1 KB; then the engine flag that lets writes share nested objects only with engines that
 * keep bodies as text (a correctness fix), core + indexeddb 23.0 KB, the preset 30.3 KB; then
 * reads asking for conflicts, the copy of trees compaction marks, and calls re-issued through a
 * plugin's replacement before the database opened loaded on first use, and the import of
 * PouchDB records walking trees with the write path's walk, core + indexeddb 23.0 -> 22.6 KB,
 * the preset 30.2 -> 29.9 KB; then the retry of a commit another writer refused, the rest of a
 * write after a `_local` document or a merge, and the stored bodies of revisions with
 * attachments loaded on first use, core + indexeddb 22.2 KB, the preset 29.5 KB; then attachment
 * reference bookkeeping and documents written over deleted ones loaded on first use, core +
 * indexeddb 22.1 KB, the preset 29.4 KB; then auto-compaction, the check that a replicated
 * revision is stored and the finding of a winner loaded on first use, core + indexeddb 21.9 KB,
 * the preset 29.2 KB; then long attachment text hashed a slice at a time, +50 bytes, core +
 * indexeddb 22.0 KB, the preset 29.3 KB, its ceiling raised 0.1 KB above that since the names
 * of its lazily loaded chunks, which its entry holds, gzip a few bytes differently whenever
 * their content changes); then `_local/` bodies stored as JSON text in IndexedDB (a 10,000-level
 * one failed), +37 bytes, core + indexeddb 22,547 bytes, its ceiling 22.1 KB; then the http
 * adapter's bodies serialised with core's stack-safe `stringify`, which split a chunk the
 * preset loads up front in two (+0.15 KB, two files' gzip and imports instead of one), the
 * preset 30,163 bytes, its ceiling 29.6 KB; then PouchDB's open error where the browser refuses
IndexedDB (+15 bytes), and a destroy in another tab surfaced as the `destroyed` event, the store
not re-read until used (+142 bytes), core + indexeddb 22,723 bytes, its ceiling 22.2 KB, the
preset 30,316 bytes, its ceiling 29.7 KB; then PouchDB-style `document_too_large` for a document
whose JSON no string can hold (+61 bytes), core + indexeddb 22,784 bytes, its ceiling 22.3 KB;
then hostile-input fixes in changes, replication and http (feeds without `last_seq`, a hung
request under `cancel()`, error pages) and the `selector_time_limit` check of `_selector` feeds
(+0.8 KB in all), the preset 30.4 KB, its ceiling 30.5 KB; then writes with attachments
and first-use writes committed in call order, `close()` waiting for a running `destroy()`,
Node's check of listeners, options that are not an object refused and attachment data from
another realm (+0.4 KB in all), core + indexeddb 23,153 bytes, its ceiling 22.7 KB, the
preset 31,603 bytes, its ceiling 31.0 KB),
so a regression fails CI. The preset is within its budget; core + indexeddb is still being
 * worked towards its own. Lower them whenever a cut lands.
 */
const CEILING = { coreIdb: 22.7 * 1024, preset: 31.0 * 1024 };

describe('bundle size (esbuild, minified, split at import(), gzip -9)', async () => {
  const base = await measureBundle('@satchel/core', `${core}\n${keep}`, here);
  const coreIdb = await measureBundle('core + indexeddb', `${core}\n${idb}\n${keep}`, here);
  const rows: SizeRow[] = [base, coreIdb];
  for (const [name, code] of Object.entries(addOns)) {
    const row = await measureBundle(name, `${core}\n${idb}\n${code}\n${keep}`, here);
    rows.push({
      name: `  + ${name}`,
      minBytes: row.minBytes - coreIdb.minBytes,
      gzipBytes: row.gzipBytes - coreIdb.gzipBytes,
      allMinBytes: row.allMinBytes - coreIdb.allMinBytes,
      allGzipBytes: row.allGzipBytes - coreIdb.allGzipBytes,
    });
  }
  const preset = await measureBundle(
    '@satchel/browser (whole preset)',
    `import Satchel from '../src/index.js';\n${keep}`,
    here,
  );
  // The same preset from the packages' built files: duplicated code across a package's entry
  // points (or any other difference the build makes) shows up here.
  const published = await measureBundle(
    '@satchel/browser from dist/',
    `import Satchel from '@satchel/browser';\n${keep}`,
    here,
    'dist',
  );
  // Without chunk splitting (esbuild's default, script-tag builds) the lazily loaded code is
  // inlined, and esbuild wraps every module it imports in an initialiser: shown, not checked.
  const unsplit = await measureBundle(
    'core + indexeddb, one file (no splitting)',
    `${core}\n${idb}\n${keep}`,
    here,
    'source',
    false,
  );
  rows.push(preset, published, unsplit);
  console.log(
    `\n${formatSizeTable(rows)}\n(+ rows: added to core + indexeddb; initial: the entry chunk ` +
      'and the chunks it imports statically; all: every chunk, lazily loaded ones too)\n' +
      `budgets: core + indexeddb ${(BUDGET.coreIdb / 1024).toFixed(0)} KB, ` +
      `preset ${(BUDGET.preset / 1024).toFixed(0)} KB\n`,
  );

  it('no Node built-ins anywhere in the preset graph (the build refuses them)', () => {
    expect(preset.minBytes).toBeGreaterThan(0);
  });
  it('core + indexeddb stays under its ceiling', () => {
    expect(coreIdb.gzipBytes).toBeLessThanOrEqual(CEILING.coreIdb);
  });
  it('the whole preset stays under its ceiling', () => {
    expect(preset.gzipBytes).toBeLessThanOrEqual(CEILING.preset);
  });
  it('code loaded on first use stays out of what the page loads up front', () => {
    // One file of each part loaded on first use; a static import or a re-export reaching it
    // (esbuild assigns whole files to chunks) would bring its whole part back up front.
    const lazy = [
      'mango/src/find.ts',
      'mapreduce/src/update-index.ts',
      'replication/src/replication-session.ts',
      'adapter-http/src/http-client.ts',
      'selector/src/compile.ts',
      'changes/src/view-filter.ts',
      'changes/src/longpoll.ts',
      'core/src/binary-md5.ts',
      'core/src/error-from-response.ts',
      'replication/src/sync-events.ts',
      'adapter-memory/src/memory-engine.ts',
      'adapter-indexeddb/src/pouch-idb/import-pouch-idb.ts',
      'core/src/local-adapter/merge-doc.ts',
      'core/src/rev-tree/merge.ts',
      'core/src/local-adapter/bulk-get.ts',
      'core/src/satchel/attachment-methods.ts',
      'core/src/local-adapter/write-group.ts',
      'core/src/local-adapter/changes.ts',
      'core/src/satchel/request-checks.ts',
      'core/src/local-adapter/open-revs.ts',
      'core/src/local-adapter/all-docs-by-keys.ts',
      'adapter-indexeddb/src/pouch-idb/pouch-idb-error.ts',
      'adapter-indexeddb/src/pouch-idb/pouch-idb-formats.ts',
      'core/src/rev-tree/merge-nodes.ts',
      'core/src/local-adapter/imported-records.ts',
      'core/src/local-adapter/settle-attachment-refs.ts',
      'core/src/satchel/occasional-methods.ts',
      'core/src/satchel/all-docs-keys.ts',
      'core/src/satchel/write-checks.ts',
      'core/src/satchel/force-put.ts',
      'core/src/satchel/leak-warning.ts',
      'core/src/local-adapter/read-conflicts.ts',
      'core/src/rev-tree/leaves.ts',
      'core/src/rev-tree/clone-tree.ts',
      'core/src/rev-tree/traverse.ts',
      'core/src/local-adapter/refused-commit.ts',
      'core/src/local-adapter/apply-rest.ts',
      'core/src/local-adapter/attachment-refs-in.ts',
      'core/src/local-adapter/attachment-ref-changes.ts',
      'core/src/local-adapter/resurrection.ts',
      'core/src/local-adapter/compact.ts',
      'core/src/rev-tree/compaction.ts',
      'core/src/rev-tree/winning-rev.ts',
      'core/src/rev-tree/rev-exists.ts',
    ];
    const initial = preset.initialInputs ?? [];
    expect(initial.some((path) => path.endsWith('core/src/satchel/satchel.ts'))).toBe(true);
    expect(lazy.filter((file) => initial.some((path) => path.endsWith(file)))).toEqual([]);
  });
  it('the built packages bundle no larger than their sources (nothing bundled twice)', () => {
    expect(published.gzipBytes).toBeLessThanOrEqual(preset.gzipBytes * 1.01);
  });
});
