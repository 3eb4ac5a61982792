import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applyDoc, NEEDS_MERGE, type WriteSettings } from '../../src/local-adapter/apply-doc.js';
import { NEEDS_LARGE_DATA_HASHING, parseNewEdit } from '../../src/local-adapter/parse-doc.js';
import { WritePlan } from '../../src/local-adapter/write-plan.js';
import { occasional } from '../../src/occasional.js';
import { newRevId } from '../../src/rev-hash.js';
import type { AnyDoc } from '../../src/types/documents.js';

/** What `parseNewEdit` throws, or `undefined`. */
function thrownBy(parse: () => unknown): unknown {
  try {
    parse();
  } catch (err) {
    return err;
  }
  return undefined;
}

const withBuffer = (id: string, extra: object = {}): AnyDoc => ({
  _id: id,
  ...extra,
  _attachments: { 'f.bin': { content_type: 'x/y', data: randomBytes(4096) } },
});

/**
 * Hashing a document whose attachments hold large Node Buffers is code loaded on first use
 * (large-data-rev-hash.ts): before it is there, parsing such a document throws
 * NEEDS_LARGE_DATA_HASHING and changes nothing; the write loads the code and parses again. Each
 * test file runs in a fresh module graph, so the first test below sees the code not loaded.
 */
describe('Buffer attachments hashed by code loaded on first use', () => {
  it('asks for the code first, then gives the revision newRevId gives', async () => {
    expect(occasional.loaded).toBeUndefined();
    const doc = withBuffer('a');
    expect(thrownBy(() => parseNewEdit(doc, true))).toBe(NEEDS_LARGE_DATA_HASHING);
    // Base64 text of 1 MiB or more too: its JSON is never built whole to hash it.
    const data = randomBytes(786_432).toString('base64');
    const text = { _id: 't', _attachments: { 'f.bin': { content_type: 'x/y', data } } };
    expect(thrownBy(() => parseNewEdit(text, true))).toBe(NEEDS_LARGE_DATA_HASHING);
    const shorter = { _id: 's', _attachments: { 'f.bin': { content_type: 'x/y', data: 'aGk=' } } };
    expect(parseNewEdit(shorter, true).rev).toBe(`1-${newRevId(shorter, true)}`);
    // Everyday documents, and random revisions, never need it.
    const plain = { _id: 'b', n: 1 };
    expect(parseNewEdit(plain, true).rev).toBe(`1-${newRevId(plain, true)}`);
    const randomRev = parseNewEdit(withBuffer('r'), false);
    expect(randomRev.rev).toMatch(/^1-[0-9a-f]{32}$/);
    // Recreating a deleted document hashes deterministically whatever the setting: with Buffer
    // attachments that needs the code, and applyDoc changes nothing and says so.
    const settings: WriteSettings = {
      revsLimit: 1000,
      autoCompaction: false,
      deterministicRevs: false,
      newEdits: true,
      wasDelete: false,
      ownedRecords: false,
    };
    const plan = new WritePlan({ updateSeq: 0, docCount: 0, uuid: 'u' });
    const created = parseNewEdit({ _id: 'r' }, false);
    expect(applyDoc(plan, created, settings)).toMatchObject({ ok: true });
    const deleted = parseNewEdit({ _id: 'r', _rev: created.rev, _deleted: true }, false);
    expect(applyDoc(plan, deleted, settings)).toMatchObject({ ok: true });
    const before = structuredClone(plan.toBatch());
    expect(applyDoc(plan, randomRev, settings)).toBe(NEEDS_MERGE);
    expect(plan.toBatch()).toEqual(before);
    expect(occasional.loaded).toBeUndefined();
    await occasional.load();
    expect(parseNewEdit(doc, true).rev).toBe(`1-${newRevId(doc, true)}`);
    expect(parseNewEdit(text, true).rev).toBe(`1-${newRevId(text, true)}`);
    expect(applyDoc(plan, randomRev, settings)).toMatchObject({ ok: true, id: 'r' });
  });
});
