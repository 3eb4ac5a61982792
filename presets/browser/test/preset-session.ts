import { fileURLToPath } from 'node:url';
import {
  type BrowserSession,
  bundleForBrowser,
  type Page,
  type ServedFile,
  type StaticServerOptions,
  startBrowserSession,
} from '@satchel/browser-runner';
import { afterAll, beforeAll } from 'vitest';

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

/** The files of a page on the preset: `/index.html` loading `/satchel.js`. */
export async function presetFiles(): Promise<Record<string, ServedFile>> {
  return { '/index.html': { body: html }, '/satchel.js': { body: await bundle } };
}

/** Chromium and a static server whose `/index.html` loads the preset. */
export async function startPresetSession(
  options: StaticServerOptions = {},
): Promise<BrowserSession> {
  return startBrowserSession({
    ...options,
    files: { ...(await presetFiles()), ...options.files },
  });
}

/**
 * For a test file that needs one page on the preset: starts the session before its tests and
 * stops it after them. The page is read through the returned function once the tests run.
 */
export function presetPage(): () => Page {
  let session: BrowserSession | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    session = await startPresetSession();
    page = await session.open('/index.html');
  });
  afterAll(() => session?.stop());
  return () => {
    if (!page) throw new Error('the preset page is not open yet');
    return page;
  };
}
