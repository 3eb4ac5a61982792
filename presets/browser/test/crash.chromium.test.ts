import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Page,
  type StaticServer,
  startChromiumProcess,
  startStaticServer,
} from '@satchel/browser-runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetFiles } from './preset-session.js';

// Crashes in the middle of writing, for real: a tab's renderer crashing (DevTools' `Page.crash`),
// and the whole browser killed with SIGKILL, then started again on the same profile. A page
// writes batches of documents with `bulkDocs`, one after another, every third with an
// attachment, and tells the test of each batch the database acknowledged. After the crash a new
// page opens the database: every acknowledged batch must be there, whole; no batch may be there
// in part; the count, the changes feed and the sequence must agree; and it must take writes.

const BATCH = 25;
const ACKED_BEFORE_CRASH = 12;
const ATTACHMENT_BYTES = 20_000;

let server: StaticServer;
const profiles: string[] = [];
beforeAll(async () => {
  server = await startStaticServer({ files: await presetFiles() });
});
afterAll(async () => {
  await server?.stop();
  for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
});

/** A fresh profile directory, removed after the tests. */
function profile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'satchel-crash-'));
  profiles.push(dir);
  return dir;
}

/**
 * Starts the writer on `page` (it runs until the page dies) and resolves once at least
 * `count` batches were acknowledged; `acked()` is the highest acknowledged batch so far.
 */
async function startWriter(page: Page, name: string, count: number) {
  let acked = -1;
  let failure: string | undefined;
  await page.exposeFunction('ack', (batch: number) => {
    acked = Math.max(acked, batch);
  });
  await page.exposeFunction('fail', (message: string) => {
    failure = message;
  });
  await page.evaluate(
    ({ name, BATCH, ATTACHMENT_BYTES }) => {
      const db = new Satchel(name);
      const report = globalThis as unknown as {
        ack(batch: number): void;
        fail(message: string): void;
      };
      void (async () => {
        for (let batch = 0; ; batch++) {
          const docs: Record<string, unknown>[] = [];
          for (let j = 0; j < BATCH; j++) {
            docs.push({ _id: `b${String(batch).padStart(5, '0')}-${j}`, batch });
          }
          if (batch % 3 === 0) {
            const data = new Blob([crypto.getRandomValues(new Uint8Array(ATTACHMENT_BYTES))]);
            const type = 'application/octet-stream';
            docs[0] = { ...docs[0], _attachments: { bytes: { content_type: type, data } } };
          }
          const rows = (await db.bulkDocs(docs)) as { ok?: boolean }[];
          if (!rows.every((row) => row.ok)) report.fail(JSON.stringify(rows));
          report.ack(batch);
        }
      })().catch((e: unknown) => report.fail(String(e)));
    },
    { name, BATCH, ATTACHMENT_BYTES },
  );
  // Generous: CI runs other browsers beside this one (here the batches take about a second).
  const deadline = Date.now() + 90_000;
  while (acked < count - 1 && !failure && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  if (failure) throw new Error(`the writer failed: ${failure}`);
  if (acked < count - 1) throw new Error(`only ${acked + 1} batches acknowledged in 90 s`);
  return { acked: () => acked };
}

/** What a new page finds in database `name` after the crash, and a write it then makes. */
interface Found {
  batches: Record<string, number>;
  docCount: number;
  updateSeq: unknown;
  changes: number;
  lastSeq: unknown;
  attachments: { expected: number; whole: number };
  next: { ok?: boolean; seq: unknown };
}

async function inspect(page: Page, name: string): Promise<Found> {
  return page.evaluate(
    async ({ name, ATTACHMENT_BYTES }) => {
      const db = new Satchel(name);
      const all = await db.allDocs({ include_docs: true });
      const batches: Record<string, number> = {};
      const attachments = { expected: 0, whole: 0 };
      for (const row of all.rows) {
        const doc = row.doc as unknown as { batch: number };
        batches[doc.batch] = (batches[doc.batch] ?? 0) + 1;
        if (doc.batch % 3 === 0 && row.id.endsWith('-0')) {
          attachments.expected++;
          const blob = (await db.getAttachment(row.id, 'bytes')) as Blob;
          if (blob.size === ATTACHMENT_BYTES) attachments.whole++;
        }
      }
      const info = await db.info();
      const changes = await db.changes({ since: 0 });
      const written = await db.put({ _id: 'after-the-crash' });
      const after = await db.changes({ since: info.update_seq });
      return {
        batches,
        docCount: info.doc_count,
        updateSeq: info.update_seq,
        changes: changes.results.length,
        lastSeq: changes.last_seq,
        attachments,
        next: { ok: written.ok, seq: after.results[0]?.seq },
      };
    },
    { name, ATTACHMENT_BYTES },
  );
}

/** Every acknowledged batch whole, no batch in part, and the database's own counts agreeing. */
function expectIntact(found: Found, acked: number): void {
  const counts = Object.entries(found.batches).map(([batch, n]) => [Number(batch), n] as const);
  const present = counts.map(([batch]) => batch).sort((a, b) => a - b);
  // Batches are written one after another: those present are 0..k, k at least the last acked.
  expect(present).toEqual(present.map((_, i) => i));
  expect(present.length).toBeGreaterThanOrEqual(acked + 1);
  for (const [batch, n] of counts) expect(n, `batch ${batch}`).toBe(BATCH);
  const docs = present.length * BATCH;
  expect(found.docCount).toBe(docs);
  expect(found.updateSeq).toBe(docs);
  expect(found.changes).toBe(docs);
  expect(found.lastSeq).toBe(docs);
  expect(found.attachments.whole).toBe(found.attachments.expected);
  expect(found.attachments.expected).toBe(Math.ceil(present.length / 3));
  expect(found.next).toEqual({ ok: true, seq: docs + 1 });
}

describe('a crash in the middle of writes (IndexedDB in Chromium)', () => {
  it("a tab's renderer crashing loses no acknowledged batch and leaves none in part", async () => {
    const chromium = await startChromiumProcess(profile());
    try {
      const context = chromium.browser.contexts()[0]!;
      const name = `crash-tab-${Date.now()}`;
      const writer = await context.newPage();
      await writer.goto(`${server.url}/index.html`);
      const { acked } = await startWriter(writer, name, ACKED_BEFORE_CRASH);
      const crashed = new Promise<void>((resolve) => writer.once('crash', () => resolve()));
      const cdp = await context.newCDPSession(writer);
      void cdp.send('Page.crash').catch(() => {});
      await crashed;
      const ackedAtCrash = acked();
      const reader = await context.newPage();
      await reader.goto(`${server.url}/index.html`);
      expectIntact(await inspect(reader, name), ackedAtCrash);
    } finally {
      await chromium.close();
    }
  });

  it('the browser killed with SIGKILL and started again loses no acknowledged batch', async () => {
    const dir = profile();
    const name = `crash-browser-${Date.now()}`;
    let ackedAtKill: number;
    const first = await startChromiumProcess(dir);
    try {
      const writer = await first.browser.contexts()[0]!.newPage();
      await writer.goto(`${server.url}/index.html`);
      const { acked } = await startWriter(writer, name, ACKED_BEFORE_CRASH);
      await first.kill();
      ackedAtKill = acked();
    } finally {
      await first.kill();
    }
    const second = await startChromiumProcess(dir);
    try {
      const reader = await second.browser.contexts()[0]!.newPage();
      await reader.goto(`${server.url}/index.html`);
      expectIntact(await inspect(reader, name), ackedAtKill);
    } finally {
      await second.close();
    }
  });
});
