import { randomName, runAdapterSuite } from '@satchel/adapter-suite';
import { afterAll, beforeAll } from 'vitest';
import { type CouchServer, couchUrl, S, useCouchServer } from './setup-server.js';
import { httpSuiteSettings } from './suite-settings.js';

let server: CouchServer | undefined;
beforeAll(async () => {
  server = await useCouchServer();
});
afterAll(() => server?.stop());

/** A fresh database URL on the server (names are only asked for once tests run). */
function uniqueName(): string {
  if (!server) throw new Error('server not started');
  return `${server.url}/${randomName()}`;
}

runAdapterSuite({
  label: 'adapter-http',
  Satchel: S,
  uniqueName,
  ...httpSuiteSettings(couchUrl() !== undefined),
});
