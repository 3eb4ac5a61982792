import { AREAS, runAdapterSuite } from '@satchel/adapter-suite';
import { afterAll, beforeAll } from 'vitest';
import { type DriveServer, startDriveServer } from './drive-server.js';
import { Satchel, testBackoff } from './helpers.js';

/** The areas of the suite files a–c; file d runs every other area, new ones included. */
export const SPLIT: Record<'a' | 'b' | 'c', readonly string[]> = {
  a: ['basics', 'revs-limit', 'info', 'design-docs', 'bulk-get'],
  b: ['bulk-docs', 'all-docs', 'conflicts'],
  c: ['get-options', 'changes', 'lifecycle', 'compaction'],
};

/** Every area not in files a–c. */
export function remainingAreas(): string[] {
  const taken = new Set(Object.values(SPLIT).flat());
  return Object.keys(AREAS).filter((area) => !taken.has(area));
}

/**
 * The API-level behavioural suite on `gdrive`, through LocalAdapter over the Drive engine and
 * google-drive-mock, limited to `areas`. The suite is split over several test files because it
 * waits on request latency, not on CPU: files run side by side, each with its own mock.
 */
export function runGDriveSuite(areas: readonly string[]): void {
  let server: DriveServer | undefined;
  beforeAll(async () => {
    server = await startDriveServer();
  });
  afterAll(() => server?.stop());
  const skip: Record<string, string> = {};
  for (const area of Object.keys(AREAS)) {
    if (!areas.includes(area)) skip[area] = 'run by another adapter-suite file of this package';
  }
  // One token function for the whole file: handles on one name share one adapter.
  const getAccessToken = (): string => 'valid-token';
  runAdapterSuite({
    label: `adapter-gdrive (${areas.join(', ')})`,
    Satchel,
    options: {
      adapter: 'gdrive',
      getAccessToken,
      backoff: testBackoff,
      pollIntervalMs: 0,
      // Read when a database opens: the server starts after this file loads.
      get baseUrl() {
        return server?.url;
      },
    },
    skip,
  });
}
