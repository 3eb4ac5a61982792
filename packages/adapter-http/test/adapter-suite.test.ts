import { randomName, runAdapterSuite } from '@satchel/adapter-suite';
import { afterAll, beforeAll } from 'vitest';
import { type CouchServer, S, useCouchServer } from './setup-server.js';

let server: CouchServer | undefined;
beforeAll(async () => {
  server = await useCouchServer();
});
afterAll(() => server?.stop());

/** A fresh database URL on the server (names are only needed once tests run). */
function uniqueName(): string {
  if (!server) throw new Error('server not started');
  return `${server.url}/${randomName()}`;
}

runAdapterSuite({
  label: 'adapter-http',
  Satchel: S,
  uniqueName,
  capabilities: {},
  skip: {},
});
