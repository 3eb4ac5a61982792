import { runAdapterSuite } from '@satchel/adapter-suite';
import { afterAll, beforeAll } from 'vitest';
import { type DriveServer, startDriveServer } from './drive-server.js';
import { Satchel, testBackoff } from './helpers.js';

let server: DriveServer | undefined;
beforeAll(async () => {
  server = await startDriveServer();
});
afterAll(() => server?.stop());

/** One token function for the whole suite: handles on one name share one adapter. */
const getAccessToken = (): string => 'valid-token';

/**
 * The API-level behavioural suite on `gdrive`, through LocalAdapter over the Drive engine and
 * google-drive-mock. The base URL is read lazily: the server starts after this file loads.
 */
runAdapterSuite({
  label: 'adapter-gdrive',
  Satchel,
  options: {
    adapter: 'gdrive',
    getAccessToken,
    backoff: testBackoff,
    pollIntervalMs: 0,
    get baseUrl() {
      return server?.url;
    },
  },
});
