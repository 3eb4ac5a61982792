import { fileURLToPath } from 'node:url';
import {
  type BrowserSession,
  bundleForBrowser,
  type StaticServerOptions,
  startBrowserSession,
} from '@satchel/browser-runner';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The preset, bundled from source by esbuild as an app would, on `window.Satchel`. */
const bundle = bundleForBrowser({
  source: `import Satchel from '../src/index.js'; globalThis.Satchel = Satchel;`,
  resolveDir: here,
  format: 'iife',
  vitestShim: false,
});

const html = `<!doctype html><meta charset="utf-8"><title>satchel</title>
<script src="/satchel.js"></script>`;

/** Chromium and a static server whose `/index.html` loads the preset. */
export async function startPresetSession(
  options: StaticServerOptions = {},
): Promise<BrowserSession> {
  return startBrowserSession({
    ...options,
    files: {
      '/index.html': { body: html },
      '/satchel.js': { body: await bundle },
      ...options.files,
    },
  });
}
