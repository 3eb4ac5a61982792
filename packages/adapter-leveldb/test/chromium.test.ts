import { fileURLToPath } from 'node:url';
import { reportBrowserResults, runBrowserTests } from '@satchel/browser-runner';

// The browser entry bundles for Chromium with no Node built-in (the bundler refuses them) and
// passes the adapter suite there over browser-level.
const results = await runBrowserTests({
  files: [
    fileURLToPath(new URL('./browser/engine-suite.browser.ts', import.meta.url)),
    fileURLToPath(new URL('./browser/browser-level.browser.ts', import.meta.url)),
  ],
});
reportBrowserResults(results);
