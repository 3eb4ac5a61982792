/**
 * `@satchel/browser-runner`: runs Satchel's tests and benches in Debian's headless Chromium.
 *
 * @packageDocumentation
 */
export type { Page } from 'playwright-core';
export { type BrowserSession, startBrowserSession } from './browser-session.js';
export { type BundleOptions, bundleForBrowser } from './bundle.js';
export { CHROMIUM_FLAGS, CHROMIUM_PATH, launchChromium } from './chromium.js';
export { type ChromiumProcess, startChromiumProcess } from './chromium-process.js';
export type { BrowserTestResult } from './page/test-registry.js';
export { type BrowserTestRun, runBrowserTests } from './run-browser-tests.js';
export {
  type ServedFile,
  type StaticServer,
  type StaticServerOptions,
  startStaticServer,
} from './static-server.js';
export { reportBrowserResults } from './vitest-report.js';
