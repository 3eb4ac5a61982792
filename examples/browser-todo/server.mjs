// Serves the todo page and a CouchDB-compatible server (in memory) on 127.0.0.1. The page
// reaches the server on its own origin under /couch, so no CORS setup is needed.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '@satchel/browser-runner';
import { startCouchServer } from '@satchel/servers';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** Starts the server and the page; returns their URLs and a way to take the server away. */
export async function startTodoApp() {
  const couch = await startCouchServer();
  const dist = join(dirname(require.resolve('@satchel/browser/package.json')), 'dist');
  const web = await startStaticServer({
    // index.html loads satchel.min.js beside it: the preset's script-tag build.
    files: { '/satchel.min.js': { body: await readFile(join(dist, 'satchel.min.js')) } },
    dirs: { '/': here },
    proxy: { '/couch': couch.url },
  });
  return {
    url: `${web.url}/`,
    couchUrl: couch.url,
    /** Makes the server unreachable from the page (requests in flight are cut). */
    serverDown: () => web.setProxy('/couch', 'http://127.0.0.1:9'),
    /** Makes it reachable again. */
    serverUp: () => web.setProxy('/couch', couch.url),
    async stop() {
      await web.stop();
      await couch.stop();
    },
  };
}
