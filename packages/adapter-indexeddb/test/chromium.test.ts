import { fileURLToPath } from 'node:url';
import { reportBrowserResults, runBrowserTests } from '@satchel/browser-runner';

const file = (name: string) => fileURLToPath(new URL(`./browser/${name}`, import.meta.url));

// One Chromium page runs every browser file of this package (one launch, one bundle).
const results = await runBrowserTests({
  files: [
    file('engine.browser.ts'),
    file('seq-index.browser.ts'),
    file('engine-suite.browser.ts'),
    file('adapter-suite.browser.ts'),
  ],
});
reportBrowserResults(results);
