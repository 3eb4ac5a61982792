import { type ChildProcess, spawn } from 'node:child_process';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.js';

/** Chromium started as a process of our own, on a profile directory that outlives it. */
export interface ChromiumProcess {
  /** Connected over the DevTools protocol; its default context is the profile's. */
  browser: Browser;
  /** Kills every process of this Chromium with SIGKILL (no shutdown, no flush), and waits. */
  kill(): Promise<void>;
  /** Closes Chromium normally. */
  close(): Promise<void>;
}

/**
 * Starts headless Chromium on `userDataDir` and connects to it. Unlike `launchChromium`, whose
 * profile is temporary and whose process Playwright owns, the process can be killed outright
 * and a later one started on the same directory: what a crash of the whole browser leaves on
 * disk is what the next start reads.
 */
export async function startChromiumProcess(userDataDir: string): Promise<ChromiumProcess> {
  const child = spawn(
    CHROMIUM_PATH,
    [
      ...CHROMIUM_FLAGS,
      `--user-data-dir=${userDataDir}`,
      '--remote-debugging-port=0',
      'about:blank',
    ],
    // Its own process group, so that the kill reaches the renderers and helpers too.
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const endpoint = await devtoolsEndpoint(child);
  const browser = await chromium.connectOverCDP(endpoint);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    browser,
    async kill() {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
      await exited;
    },
    async close() {
      await browser.close().catch(() => {});
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}

/** The `ws://` address Chromium prints on stderr once it listens. */
function devtoolsEndpoint(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`Chromium did not start: ${seen}`)), 60_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      reject(err);
    };
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`Chromium exited (${code}): ${seen}`)));
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
  });
}
