import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src/', import.meta.url));

/** Every `index.ts` under src/ (the package's barrels). */
function barrels(): string[] {
  return readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((path) => path === 'index.ts' || path.endsWith('/index.ts'))
    .sort();
}

/**
 * esbuild keeps a barrel that re-exports a used name (`export { x } from './x.js'`) as a module
 * of its own and, splitting chunks, follows every import of it from each chunk that reaches it:
 * a plugin's code loaded on first use that imports one helper from `@satchel/core` would then
 * share most of core with the page in extra chunks, which costs what a page loads up front
 * (presets/browser/test/size.test.ts). Whole-file re-exports (`export *`) and type-only ones
 * have no such cost.
 */
describe("core's barrels re-export whole files", () => {
  it.each(barrels())('%s has no named runtime re-export', (path) => {
    const text = readFileSync(`${src}${path}`, 'utf8');
    const named = [...text.matchAll(/^export \{[^}]*\} from '[^']+';/gm)].map(([m]) => m);
    expect(named).toEqual([]);
  });
});

/**
 * The runtime names each entry point exports, pinned: `export *` barrels make every export of
 * a re-exported file public, so a helper meant for core alone must live in a file no barrel
 * re-exports (as `rev-tree/graft.ts`, `rev-tree/visit-nodes.ts` or `satchel/open-adapter.ts`
 * do). A change here is a change of the public API: update the list on purpose.
 */
describe('the public export lists', () => {
  it('@satchel/core', async () => {
    expect(Object.keys(await import('../src/index.js')).sort()).toEqual([
      'ActiveTasks',
      'ConstructorEvents',
      'ENGINE_CONFLICT_CODE',
      'ENGINE_CONFLICT_NAME',
      'EngineConflictError',
      'Errors',
      'EventEmitter',
      'LONGEST_TIMER_MS',
      'LocalAdapter',
      'Md5Stream',
      'SELECTOR_TIME_LIMIT_OPTION',
      'Satchel',
      'SatchelError',
      'SharedAdapters',
      'TaskQueue',
      'availableRevs',
      'binaryMd5',
      'callable',
      'checkDocId',
      'clone',
      'cloneTree',
      'collate',
      'collectConflicts',
      'collectDeletedConflicts',
      'collectLeaves',
      'compactTree',
      'compactableRevs',
      'compareIds',
      'createError',
      'createLocalAdapterFactory',
      'createStringMd5',
      'decodeBase64Strict',
      'encodeBase64',
      'engineConflict',
      'findPathToLeaf',
      'findRevAncestry',
      'formatRev',
      'generateErrorFromResponse',
      'hashRevision',
      'importedDocRecord',
      'isBinaryData',
      'isDeleted',
      'isEngineConflict',
      'isErrorNamed',
      'isLocalId',
      'isPlainObject',
      'isPouchAdapterFunction',
      'isRevString',
      'isSatchelError',
      'isValidRev',
      'latest',
      'loadMigrationHelpers',
      'localAdapterDefaults',
      'makeRevTreeFromRevisions',
      'merge',
      'missingRevs',
      'newRevId',
      'normalizeKey',
      'onFirstUse',
      'optsAndCallback',
      'parse',
      'parseIndexableString',
      'parseRev',
      'parseRevString',
      'possibleAncestors',
      'randomRevId',
      'removeLeafFromTree',
      'replicationSessionId',
      'revExists',
      'revisionsFromPath',
      'revsInfoFromPath',
      'rootToLeaf',
      'selectorTimeLimit',
      'selectorTimeLimitMs',
      'settingsFromOptions',
      'stem',
      'storedBody',
      'stringMd5',
      'stringify',
      'stringifyIteratively',
      'timeLimitedRunner',
      'toBinaryOutput',
      'toBytes',
      'toIndexableString',
      'traverseRevTree',
      'upsertLocal',
      'uuid',
      'winningRev',
      'withCallback',
      'writeCounter',
    ]);
  });
  it('@satchel/core/engine', async () => {
    expect(Object.keys(await import('../src/engine/index.js')).sort()).toEqual([
      'ENGINE_CONFLICT_CODE',
      'ENGINE_CONFLICT_NAME',
      'EngineConflictError',
      'compareIds',
      'createLocalAdapterFactory',
      'engineConflict',
      'isEngineConflict',
      'onFirstUse',
      'parse',
      'randomRevId',
      'replicationSessionId',
      'stringify',
      'stringifyIteratively',
      'uuid',
    ]);
  });
});
