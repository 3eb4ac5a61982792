import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { EngineConflictError, LocalAdapter } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { type EngineCheck, engineChecks, runEngineCheck, runEngineSuite } from '../src/index.js';
import { type Faults, MapEngine, MapStore, mapEngines } from './fixtures/map-engine.js';

/** The control: a correct engine passes the whole suite. */
runEngineSuite(mapEngines(), { label: 'map engine (control)', numRuns: 30 });

const options = { label: 'broken', numRuns: 30 };
const check = (title: string): EngineCheck => {
  const found = engineChecks.find((c) => c.title === title);
  if (!found) throw new Error(`no check named ${title}`);
  return found;
};

/** The checks a broken engine fails, proving the suite can fail. */
const broken: [string, Faults, string[]][] = [
  [
    'ids in UTF-16 order',
    { utf16Order: true },
    [
      'ids come back in code-point order: surrogate pairs after U+E000–U+FFFF',
      'matches a brute-force model over random batches, scans and reads',
    ],
  ],
  [
    'a commit applied in two steps',
    { nonAtomic: true },
    ['another engine on the store never sees part of a commit'],
  ],
  [
    'a commit that ignores the version token',
    { ignoreVersion: true },
    [
      'a commit at a stale version is refused with an engine conflict and applies nothing',
      'a second engine is refused after the first commits, until it reloads',
      'two LocalAdapters racing on one store lose no write',
    ],
  ],
];

describe('the engine suite fails broken engines', () => {
  for (const [label, faults, titles] of broken) {
    describe(label, () => {
      for (const title of titles) {
        it(`fails "${title}"`, async () => {
          await expect(runEngineCheck(check(title), mapEngines(faults), options)).rejects.toThrow();
        });
      }
      it('still passes the checks its fault does not touch', async () => {
        const untouched = 'bytes and records by digest: kept when re-referenced, removed together';
        await expect(runEngineCheck(check(untouched), mapEngines(faults), options)).resolves.toBe(
          'passed',
        );
      });
    });
  }
});

describe('conflicts from another copy of core', () => {
  // The built CommonJS file of core (tests run the TypeScript source): a second copy, whose
  // EngineConflictError is another class. Turbo builds core before this package's tests.
  const require = createRequire(import.meta.url);
  const coreDir = dirname(require.resolve('@satchel/core/package.json'));
  const cjs = require(join(coreDir, 'dist/index.cjs')) as typeof import('@satchel/core');
  const copies: [string, () => unknown][] = [
    ['the CommonJS build of core', () => new cjs.EngineConflictError('etag moved')],
    ['a plain object with the name', () => ({ name: 'EngineConflictError' })],
    [
      'an Error with only the code',
      () => Object.assign(new Error('x'), { code: 'SATCHEL_ENGINE_CONFLICT' }),
    ],
  ];

  it('the CommonJS copy really is another class', () => {
    expect(new cjs.EngineConflictError('x') instanceof EngineConflictError).toBe(false);
  });

  for (const [label, conflict] of copies) {
    it(`passes the version checks and is retried by LocalAdapter: ${label}`, async () => {
      const engines = mapEngines({ conflict });
      const stale = check(
        'a commit at a stale version is refused with an engine conflict and applies nothing',
      );
      await expect(runEngineCheck(stale, engines, options)).resolves.toBe('passed');
      const race = check('two LocalAdapters racing on one store lose no write');
      await expect(runEngineCheck(race, engines, options)).resolves.toBe('passed');
    });
  }

  it('LocalAdapter redoes a write refused with a CommonJS-core conflict', async () => {
    const store = new MapStore();
    let refusals = 2;
    const engine = new MapEngine(store);
    const commit = engine.commit.bind(engine);
    engine.commit = async (batch, version) => {
      if (refusals-- > 0) throw new cjs.EngineConflictError('etag moved');
      return commit(batch, version);
    };
    const adapter = new LocalAdapter(engine);
    const [row] = await adapter.bulkDocs([{ _id: 'a' }], { new_edits: true });
    expect(row).toMatchObject({ ok: true, id: 'a' });
    expect(refusals).toBe(-1);
  });
});
