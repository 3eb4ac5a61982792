import { type BrowserSession, type Page, startBrowserSession } from '@satchel/browser-runner';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTodoApp } from '../server.mjs';

type TodoApp = Awaited<ReturnType<typeof startTodoApp>>;

let app: TodoApp;
let session: BrowserSession;
// A fresh server and browser for each attempt, so a retry starts from nothing.
beforeEach(async () => {
  app = await startTodoApp();
  session = await startBrowserSession();
});
afterEach(async () => {
  await session?.stop();
  await app?.stop();
});

async function openTab(): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(app.url);
  return page;
}

async function addTodo(page: Page, title: string): Promise<void> {
  await page.fill('#title', title);
  await page.press('#title', 'Enter');
}

const titles = (page: Page) => page.locator('#todos li span').allTextContents();

/**
 * Holds the page's IndexedDB store (a readwrite transaction on `meta`, kept alive by reading in
 * a loop) so every commit waits until `release` is called: a save stays in flight as long as
 * the test needs.
 */
async function holdCommits(page: Page): Promise<{ release(): Promise<void> }> {
  // The page's database is open (and its stores made) before anyone else opens it.
  await page.evaluate('db.info()');
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const scope = window as unknown as { releaseHold?: () => void };
        const open = indexedDB.open('satchel/_pouch_todos');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const tx = idb.transaction('meta', 'readwrite');
          let held = true;
          const spin = () => {
            if (held) tx.objectStore('meta').count().onsuccess = spin;
          };
          spin();
          tx.oncomplete = () => idb.close();
          scope.releaseHold = () => {
            held = false;
          };
          resolve();
        };
      }),
  );
  return {
    release: () =>
      page.evaluate(() => (window as unknown as { releaseHold: () => void }).releaseHold()),
  };
}

async function serverTodos(): Promise<{ title: string; done: boolean }[]> {
  const res = await fetch(`${app.couchUrl}/todos/_all_docs?include_docs=true`);
  if (!res.ok) return [];
  const body = (await res.json()) as { rows: { doc: { title: string; done: boolean } }[] };
  return body.rows.map((row) => ({ title: row.doc.title, done: row.doc.done }));
}

async function eventually(check: () => Promise<void>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('the browser todo example, end to end in Chromium', () => {
  // The next todo is typed while the last one is still being saved: the save finishing must not
  // wipe it (the app once cleared the field after the save, so a quick second todo was lost).
  it('a todo typed while the previous one is being saved is kept', async () => {
    const tab = await openTab();
    const hold = await holdCommits(tab);
    await addTodo(tab, 'first');
    await tab.fill('#title', 'second');
    await hold.release();
    await eventually(async () => expect(await titles(tab)).toEqual(['first']));
    expect(await tab.inputValue('#title')).toBe('second');
    await tab.press('#title', 'Enter');
    await eventually(async () => expect(await titles(tab)).toEqual(['first', 'second']));
  });

  it('two tabs and the server see each other’s todos; sync resumes after an outage', async () => {
    const one = await openTab();
    const two = await openTab();

    await addTodo(one, 'buy milk');
    await addTodo(one, 'write tests');
    await eventually(async () => expect(await titles(two)).toEqual(['buy milk', 'write tests']));

    await one.locator('#todos li', { hasText: 'buy milk' }).locator('input').check();
    await eventually(async () =>
      expect(await two.locator('#todos li.done span').allTextContents()).toEqual(['buy milk']),
    );
    await eventually(async () =>
      expect(await serverTodos()).toEqual([
        { title: 'buy milk', done: true },
        { title: 'write tests', done: false },
      ]),
    );

    app.serverDown();
    await addTodo(two, 'written offline');
    await eventually(async () => expect(await titles(one)).toContain('written offline'));
    // Give a live sync every chance to (wrongly) get through while the server is unreachable.
    await new Promise((r) => setTimeout(r, 1000));
    expect((await serverTodos()).map((t) => t.title)).not.toContain('written offline');

    app.serverUp();
    await eventually(async () =>
      expect((await serverTodos()).map((t) => t.title)).toEqual([
        'buy milk',
        'write tests',
        'written offline',
      ]),
    );
    // And the other way: a todo written on the server reaches both tabs.
    await fetch(`${app.couchUrl}/todos/zz-from-server`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'from the server', done: false }),
    });
    for (const tab of [one, two]) {
      await eventually(async () => expect(await titles(tab)).toContain('from the server'));
    }
  });
});
