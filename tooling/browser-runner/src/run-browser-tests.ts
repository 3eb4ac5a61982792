import { fileURLToPath } from 'node:url';
import { startBrowserSession } from './browser-session.js';
import { bundleForBrowser, vitestShimPath } from './bundle.js';
import type { BrowserTestResult } from './page/test-registry.js';
import type { StaticServerOptions } from './static-server.js';

/** What {@link runBrowserTests} runs. */
export interface BrowserTestRun {
  /** Absolute paths of test files written against vitest's API. */
  files: string[];
  /** Directory imports resolve from (default: the first file's). */
  resolveDir?: string;
  /** Upper bound on the whole run (default 240 s). */
  timeoutMs?: number;
  /** Extra routes for the page's server (e.g. a proxy to a CouchDB). */
  server?: StaticServerOptions;
  /** Values put on `globalThis.__satchelEnv` before the tests load (e.g. a server URL). */
  env?: Record<string, string>;
  /** Called for each result as it arrives. */
  onResult?: (result: BrowserTestResult) => void;
}

const SHIM = vitestShimPath();

declare global {
  interface Window {
    __satchelDone?: (results: BrowserTestResult[]) => void;
    __satchelProgress?: (result: BrowserTestResult) => void;
  }
}

function entrySource(files: string[]): string {
  const imports = files.map((file) => `import ${JSON.stringify(file)};`).join('\n');
  // Tests start in a task of their own after the page's load event: a synchronous stretch of
  // a test (or several) would otherwise hold that event back, and the runner's navigation
  // waits for it.
  return `import { runRegisteredTests } from ${JSON.stringify(SHIM)};
${imports}
const start = () =>
  setTimeout(() =>
    runRegisteredTests((r) => window.__satchelProgress?.(r)).then((all) => window.__satchelDone(all)));
if (document.readyState === 'complete') start();
else window.addEventListener('load', start, { once: true });
`;
}

function envScript(env: Record<string, string>): string {
  return `globalThis.__satchelEnv = ${JSON.stringify(env)};`;
}

/**
 * Bundles vitest-style test files with esbuild, opens them in headless Chromium on a page
 * served from 127.0.0.1, runs them there and returns each test's result. The page's console
 * errors and uncaught exceptions are appended to the first failure.
 */
export async function runBrowserTests(run: BrowserTestRun): Promise<BrowserTestResult[]> {
  const first = run.files[0];
  if (!first) throw new Error('runBrowserTests: no files');
  const resolveDir = run.resolveDir ?? fileURLToPath(new URL('.', `file://${first}`));
  const bundle = await bundleForBrowser({ source: entrySource(run.files), resolveDir });
  const html = `<!doctype html><meta charset="utf-8"><title>satchel tests</title>
<script>${envScript(run.env ?? {})}</script><script type="module" src="/tests.js"></script>`;
  const session = await startBrowserSession({
    ...run.server,
    files: { '/index.html': { body: html }, '/tests.js': { body: bundle } },
  });
  try {
    const page = await session.context.newPage();
    const done = new Promise<BrowserTestResult[]>((resolve) => {
      void page.exposeFunction('__satchelDone', resolve);
    });
    await page.exposeFunction('__satchelProgress', (r: BrowserTestResult) => run.onResult?.(r));
    await page.goto(`${session.server.url}/index.html`);
    const timeoutMs = run.timeoutMs ?? 240_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`browser tests timed out\n${session.log.join('\n')}`)),
        timeoutMs,
      );
    });
    const results = await Promise.race([done, timeout]).finally(() => clearTimeout(timer));
    const failed = results.find((r) => r.state === 'fail');
    if (failed && session.log.length > 0)
      failed.error += `\n--- page log ---\n${session.log.join('\n')}`;
    return results;
  } finally {
    await session.stop();
  }
}
