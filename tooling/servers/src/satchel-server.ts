import { fileURLToPath } from 'node:url';
import type { CouchServer } from './couch-server.js';

/** What {@link startSatchelServer} uses of `@satchel/server`. */
interface ServerModule {
  createServer(options: Record<string, unknown>): {
    listen(opts: { port: number }): Promise<string>;
    close(): Promise<void>;
  };
}

/**
 * `@satchel/server`'s TypeScript source, loaded by path rather than as a package dependency:
 * the server is built on the very packages whose tests use this helper, so declaring it would
 * make a dependency cycle. Tests run sources (vitest transforms them), so no build is needed.
 */
const SERVER_SOURCE = fileURLToPath(
  new URL('../../../packages/server/src/index.ts', import.meta.url),
);

/**
 * Starts Satchel's own CouchDB-compatible server (`@satchel/server`) on 127.0.0.1 on a free
 * port, with its databases in memory (each server its own) unless `options` say otherwise
 * (any `createServer` option: `users`, `admins`, `adapter`, `dataDir`, …). Runs under vitest.
 * @returns the base URL and a `stop` that ends open feeds and connections and closes it.
 */
export async function startSatchelServer(
  options: Record<string, unknown> = {},
): Promise<CouchServer> {
  const { createServer } = (await import(/* @vite-ignore */ SERVER_SOURCE)) as ServerModule;
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
