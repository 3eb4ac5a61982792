import { Satchel } from '@satchel/core';
import { createLocalAdapterFactory, type EngineSupports } from '@satchel/core/engine';
import { afterAll, describe, expect, it } from 'vitest';
import { createContext, lackedByManifest } from '../src/context.js';
import { AREAS, runAdapterSuite } from '../src/index.js';
import { MapEngine, MapStore } from './fixtures/map-engine.js';

/** The control engine, claiming neither purge nor persistence in its manifest. */
class ForgetfulEngine extends MapEngine {
  override readonly supports: EngineSupports = {
    externalWrites: false,
    sortedScans: true,
    purge: false,
    persistent: false,
  };
}

Satchel.adapter(
  'forgetful',
  createLocalAdapterFactory({
    type: 'forgetful',
    engine: () => new ForgetfulEngine(new MapStore()),
  }),
);
Satchel.adapter(
  'map',
  createLocalAdapterFactory({ type: 'map', engine: () => new MapEngine(new MapStore()) }),
);

const config = (adapter: string) => ({
  label: adapter,
  Satchel: Satchel.defaults({ adapter }),
  options: { adapter },
});

describe("the adapter suite reads the engine's manifest through the adapter", () => {
  const contexts = [createContext(config('forgetful')), createContext(config('map'))];
  afterAll(() => Promise.all(contexts.map((c) => c.cleanup())));

  it('an engine without purge and persistence lacks them; a full one lacks nothing', async () => {
    const [forgetful, full] = contexts as [(typeof contexts)[0], (typeof contexts)[0]];
    expect(await lackedByManifest(forgetful, ['purge', 'persistence'])).toEqual([
      'purge',
      'persistence',
    ]);
    expect(await lackedByManifest(full, ['purge', 'persistence'])).toEqual([]);
  });
});

// The purge and lifecycle areas on the forgetful engine: its purge tests (which would fail,
// LocalAdapter refusing purge) and its reopen test are skipped, reported as the manifest's.
runAdapterSuite({
  ...config('forgetful'),
  skip: Object.fromEntries(
    Object.keys(AREAS)
      .filter((area) => area !== 'purge' && area !== 'lifecycle')
      .map((area) => [area, 'only the areas with manifest capabilities run here']),
  ),
});
