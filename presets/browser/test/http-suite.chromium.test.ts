import { fileURLToPath } from 'node:url';
import { reportBrowserResults, runBrowserTests } from '@satchel/browser-runner';
import { startCouchServer } from '@satchel/servers';

const server = await startCouchServer();
try {
  const results = await runBrowserTests({
    files: [fileURLToPath(new URL('./browser/http-suite.browser.ts', import.meta.url))],
    server: { proxy: { '/couch': server.url } },
  });
  reportBrowserResults(results);
} finally {
  await server.stop();
}
