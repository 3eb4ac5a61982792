import { fileURLToPath } from 'node:url';
import { reportBrowserResults, runBrowserTests } from '@satchel/browser-runner';

// Core's base64 in Chromium, with its native Uint8Array methods and without (base64.browser.ts).
const results = await runBrowserTests({
  files: [fileURLToPath(new URL('./browser/base64.browser.ts', import.meta.url))],
});
reportBrowserResults(results);
