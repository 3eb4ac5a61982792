import { describe, expect, it } from 'vitest';
import { presetPage } from './preset-session.js';

// A full disk, for real: Chromium's DevTools protocol lowers the page origin's storage quota
// (`Storage.overrideQuotaForOrigin`), so IndexedDB itself refuses the commit that would pass
// it. The write must fail with PouchDB's error saying why, and leave nothing of itself behind:
// no document, no seq, no count; the database goes on working once there is room again.

const pageOf = presetPage();
const QUOTA = 4 * 1024 * 1024;

/**
 * Lowers the quota of the page's origin to `quotaSize` bytes, until the returned function is
 * called. The DevTools session stays attached meanwhile: detaching it lifts the override.
 */
async function lowerQuota(quotaSize: number): Promise<() => Promise<void>> {
  const page = pageOf();
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(page.url()).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize });
  return async () => {
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await cdp.detach();
  };
}

interface QuotaRun {
  refusals: unknown[];
  after: { docCount: number; updateSeq: unknown; ids: string[]; changes: string[] };
}

describe('a commit past the storage quota (IndexedDB in Chromium)', () => {
  it('is refused with indexed_db_went_bad naming the quota, nothing half-written', async () => {
    const lift = await lowerQuota(QUOTA);
    try {
      const page = pageOf();
      const run: QuotaRun = await page.evaluate(async (QUOTA) => {
        type Db = {
          put(doc: object): Promise<{ rev: string }>;
          bulkDocs(docs: object[]): Promise<unknown[]>;
          info(): Promise<{ doc_count: number; update_seq: unknown }>;
          allDocs(): Promise<{ rows: { id: string }[] }>;
          changes(): Promise<{ results: { id: string }[] }>;
          destroy(): Promise<unknown>;
        };
        const db = new Satchel(`quota-${Date.now()}`) as unknown as Db;
        await db.bulkDocs([{ _id: 'a' }, { _id: 'b' }]);
        // Random bytes, so that no compression brings them under the quota.
        const bytes = new Uint8Array(2 * QUOTA);
        for (let i = 0; i < bytes.length; i += 65536) {
          crypto.getRandomValues(bytes.subarray(i, i + 65536));
        }
        const blob = new Blob([bytes], { type: 'application/octet-stream' });
        const big = 'x'.repeat(QUOTA);
        const refusals: unknown[] = [];
        const refused = async (write: () => Promise<unknown>) => {
          try {
            await write();
            refusals.push('written');
          } catch (e) {
            const { status, name, reason } = e as { status: number; name: string; reason: string };
            refusals.push({ status, name, reason });
          }
        };
        await refused(() =>
          db.put({ _id: 'att', _attachments: { f: { content_type: 'x/y', data: blob } } }),
        );
        // A bulkDocs whose documents together pass the quota: none of them may stay.
        const many = Array.from({ length: 8 }, (_, i) => ({ _id: `m${i}`, text: `${i}${big}` }));
        await refused(() => db.bulkDocs(many));
        const info = await db.info();
        const after = {
          docCount: info.doc_count,
          updateSeq: info.update_seq,
          ids: (await db.allDocs()).rows.map((r) => r.id),
          changes: (await db.changes()).results.map((r) => r.id),
        };
        (globalThis as { quotaDb?: Db }).quotaDb = db;
        return { refusals, after };
      }, QUOTA);
      for (const refusal of run.refusals) {
        expect(refusal).toMatchObject({ status: 500, name: 'indexed_db_went_bad' });
        expect((refusal as { reason: string }).reason).toMatch(
          /^QuotaExceededError during commit.*\(storage quota exceeded; nothing of this write was stored\)$/,
        );
      }
      expect(run.refusals).toHaveLength(2);
      expect(run.after).toEqual({
        docCount: 2,
        updateSeq: 2,
        ids: ['a', 'b'],
        changes: ['a', 'b'],
      });
    } finally {
      await lift();
    }
    // With room again, the same database takes writes and counts them from where it was.
    const again = await pageOf().evaluate(async () => {
      type Db = {
        put(doc: object): Promise<{ rev: string }>;
        info(): Promise<{ doc_count: number; update_seq: unknown }>;
        destroy(): Promise<unknown>;
      };
      const db = (globalThis as { quotaDb?: Db }).quotaDb as Db;
      await db.put({ _id: 'c', text: 'x'.repeat(1 << 20) });
      const info = await db.info();
      await db.destroy();
      return [info.doc_count, info.update_seq];
    });
    expect(again).toEqual([3, 3]);
  }, 120_000);
});
