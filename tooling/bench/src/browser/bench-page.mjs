// What every Chromium bench script starts with: its page module bundled for the browser and
// served, with an index page loading it, in a fresh headless Chromium session.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForBrowser, startBrowserSession } from '@satchel/browser-runner';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * A cross-origin isolated page: its `performance.now()` ticks in microseconds, not the 100 µs
 * steps a plain page gets, which single IndexedDB writes (about 1 ms) need.
 */
const ISOLATED = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
};

/**
 * Starts a session serving `pageModule` (a file of this folder) at `/index.html`.
 * @param {string} pageModule
 * @param {{ minify?: boolean, alias?: Record<string, string> }} [options] - `minify: false`
 *   keeps function names for profiles; `alias` swaps packages (pouchdb for pouchdb-browser).
 */
export async function startBenchPage(pageModule, { minify = true, alias } = {}) {
  const bundle = await bundleForBrowser({
    source: `import './${pageModule}';`,
    resolveDir: here,
    format: 'iife',
    minify,
    vitestShim: false,
    ...(alias ? { alias } : {}),
  });
  return startBrowserSession({
    files: {
      '/index.html': {
        body: '<!doctype html><meta charset="utf-8"><script src="/page.js"></script>',
        headers: ISOLATED,
      },
      '/page.js': { body: bundle, headers: ISOLATED },
    },
  });
}
