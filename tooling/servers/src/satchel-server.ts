import type { ServerOptions } from '@satchel/server';
import { createServer } from '@satchel/server';
import type { CouchServer } from './couch-server.js';

/**
 * Starts Satchel's own CouchDB-compatible server (`@satchel/server`) on 127.0.0.1 on a free
 * port, with its databases in memory (each server its own) unless `options` say otherwise.
 * @returns the base URL and a `stop` that ends open feeds and connections and closes it.
 */
export async function startSatchelServer(options: ServerOptions = {}): Promise<CouchServer> {
  const server = createServer({ adapter: 'memory', ...options });
  const url = await server.listen({ port: 0 });
  let stopped: Promise<void> | undefined;
  return {
    url,
    stop: () => {
      stopped ??= server.close();
      return stopped;
    },
  };
}
