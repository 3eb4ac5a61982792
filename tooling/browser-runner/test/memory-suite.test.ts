import { fileURLToPath } from 'node:url';
import { reportBrowserResults, runBrowserTests } from '../src/index.js';

const results = await runBrowserTests({
  files: [
    fileURLToPath(new URL('./browser/page-load.browser.ts', import.meta.url)),
    fileURLToPath(new URL('./browser/memory-suite.browser.ts', import.meta.url)),
  ],
});
reportBrowserResults(results);
