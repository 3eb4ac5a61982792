import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium.js';
import { type StaticServer, type StaticServerOptions, startStaticServer } from './static-server.js';

/** Chromium plus a static server: pages share one profile, hence one IndexedDB per origin. */
export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  server: StaticServer;
  /** Opens `path` on the static server in a new page (a tab) and waits for `load`. */
  open(path: string): Promise<Page>;
  /** Everything the pages printed to the console or threw, for failure messages. */
  log: string[];
  /** Closes Chromium and the server. */
  stop(): Promise<void>;
}

/** Starts a {@link BrowserSession}. */
export async function startBrowserSession(
  serverOptions: StaticServerOptions = {},
): Promise<BrowserSession> {
  const server = await startStaticServer(serverOptions);
  const browser = await launchChromium();
  const context = await browser.newContext();
  const log: string[] = [];
  context.on('page', (page) => watchPage(page, log));
  return {
    browser,
    context,
    server,
    log,
    async open(path) {
      const page = await context.newPage();
      await page.goto(server.url + path);
      return page;
    },
    async stop() {
      await browser.close().catch(() => {});
      await server.stop();
    },
  };
}

function watchPage(page: Page, log: string[]): void {
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') log.push(`[console] ${msg.text()}`);
  });
  page.on('pageerror', (err) => log.push(`[pageerror] ${err.stack ?? err.message}`));
}
