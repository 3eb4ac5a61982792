import type { BrowserSession, Page } from '@satchel/browser-runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPresetSession } from './preset-session.js';

/** A strict policy: scripts from this origin only, and no `'unsafe-eval'`. */
const CSP = "default-src 'self'; script-src 'self'";
const html = `<!doctype html><meta charset="utf-8"><title>csp</title>
<script src="/satchel.js"></script>`;

let session: BrowserSession;
let page: Page;
beforeAll(async () => {
  session = await startPresetSession({
    files: { '/csp.html': { body: html, headers: { 'content-security-policy': CSP } } },
  });
  page = await session.open('/csp.html');
});
afterAll(() => session?.stop());

describe('a page with a strict Content-Security-Policy (no unsafe-eval), in Chromium', () => {
  it('everything else works: writes, reads, changes, find, queries with functions, sync', async () => {
    const result = await page.evaluate(async () => {
      const db = new Satchel(`csp-${Date.now()}`);
      const other = new Satchel(`csp-other-${Date.now()}`, { adapter: 'memory' });
      await db.bulkDocs([
        { _id: 'a', kind: 'fruit', n: 1 },
        { _id: 'b', kind: 'veg', n: 2 },
        { _id: 'c', kind: 'fruit', n: 3 },
      ]);
      await db.putAttachment('d', 'x.txt', new Blob(['hi']), 'text/plain');
      const changes = await db.changes({ since: 0, selector: { kind: 'fruit' } });
      const api = db as unknown as {
        createIndex(o: object): Promise<unknown>;
        find(o: object): Promise<{ docs: { _id: string }[] }>;
        query(f: unknown, o?: object): Promise<{ rows: { key: unknown; value: unknown }[] }>;
      };
      await api.createIndex({ index: { fields: ['kind'] } });
      const found = await api.find({ selector: { kind: 'fruit' } });
      const viewDb = new Satchel(`csp-view-${Date.now()}`) as unknown as typeof api & {
        bulkDocs(d: object[]): Promise<unknown>;
        destroy(): Promise<unknown>;
      };
      await viewDb.bulkDocs([
        { _id: 'a', kind: 'fruit', n: 1 },
        { _id: 'b', kind: 'veg', n: 2 },
        { _id: 'c', kind: 'fruit', n: 3 },
      ]);
      // One argument: `emit` is found on the global object (it cannot be put in scope).
      const mapped = await viewDb.query((doc: { kind?: string }) => {
        (globalThis as unknown as { emit(k: unknown, v: unknown): void }).emit(doc.kind, 1);
      });
      const reduced = await viewDb.query(
        {
          map: (doc: { kind?: string; n?: number }, emit: (k: unknown, v: unknown) => void) =>
            emit(doc.kind, doc.n),
          reduce: '_sum',
        },
        { group: true },
      );
      await viewDb.destroy();
      await Satchel.replicate(db, other);
      const copied = (await other.allDocs()).rows.length;
      await db.destroy();
      await other.destroy();
      return {
        changes: changes.results.map((r) => r.id),
        found: found.docs.map((d) => d._id),
        mapped: mapped.rows.length,
        reduced: reduced.rows,
        copied,
      };
    });
    expect(result).toEqual({
      changes: ['a', 'c'],
      found: ['a', 'c'],
      mapped: 3,
      reduced: [
        { key: 'fruit', value: 4 },
        { key: 'veg', value: 2 },
      ],
      copied: 5, // three docs, the attachment doc and the Mango index design doc
    });
  });

  // Code run through page.evaluate is exempt from the page's policy, so what is refused here
  // is Satchel's own `new Function`, called from the page's script.
  it('a design doc with string map/reduce fails with a clear error naming the CSP', async () => {
    const error = await page.evaluate(async () => {
      const db = new Satchel(`csp-ddoc-${Date.now()}`);
      await db.put({ _id: 'a', n: 1 });
      await db.put({
        _id: '_design/v',
        views: { byN: { map: 'function (doc) { emit(doc.n); }' } },
      });
      const api = db as unknown as { query(name: string): Promise<unknown> };
      const err = (await api.query('v/byN').catch((e: unknown) => e)) as Record<string, unknown>;
      await db.destroy();
      return { status: err.status, name: err.name, message: err.message, reason: err.reason };
    });
    expect(error.status).toBe(400);
    expect(String(error.reason ?? error.message)).toMatch(/Content-Security-Policy/);
  });
});
