import type { DocRecord, Engine, SeqEntry } from '@satchel/core/engine';
import fc from 'fast-check';
import { expect } from 'vitest';
import { batchArb, type Query, queryArb } from './arbitraries.js';
import type { EngineCheck } from './check.js';
import { codePointOrder, EngineModel } from './engine-model.js';

/**
 * Random batches applied to the engine and to a brute-force model, every read compared after
 * each batch. An engine without sorted scans is only asked for whole scans (as LocalAdapter
 * asks it), compared after sorting.
 */
export const modelChecks: EngineCheck[] = [
  {
    area: 'model',
    title: 'matches a brute-force model over random batches, scans and reads',
    async run(h) {
      await fc.assert(
        fc.asyncProperty(
          fc.array(batchArb, { minLength: 1, maxLength: 6 }),
          fc.array(queryArb, { maxLength: 10 }),
          async (batches, queries) => {
            const { engine, snapshot } = await h.open();
            const model = new EngineModel();
            let version = snapshot.version;
            try {
              for (const random of batches) {
                const batch = model.valid(random);
                version = await engine.commit(batch, version);
                model.apply(batch);
                await compare(engine, model, queries);
              }
            } finally {
              await engine.destroy();
            }
          },
        ),
        { numRuns: h.options.numRuns ?? 40 },
      );
    },
  },
];

async function compare(engine: Engine, model: EngineModel, queries: Query[]): Promise<void> {
  const sorted = engine.supports.sortedScans;
  for (const q of queries) {
    if (q.kind === 'get') {
      expect(await engine.getDocs(q.ids)).toEqual(q.ids.map((id) => model.docs.get(id)));
    } else if (sorted && q.kind === 'docs') {
      expect(await engine.scanDocs(q.range), `scanDocs ${show(q.range)}`).toEqual(
        model.scanDocs(q.range),
      );
    } else if (sorted && q.kind === 'seqs') {
      expect(await engine.scanSeqs(q.range), `scanSeqs ${show(q.range)}`).toEqual(
        model.scanSeqs(q.range),
      );
    }
  }
  const docs = await engine.scanDocs({});
  const seqs = await engine.scanSeqs({});
  expect(sorted ? docs : sortDocs(docs), 'scanDocs({})').toEqual(model.scanDocs({}));
  expect(sorted ? seqs : sortSeqs(seqs), 'scanSeqs({})').toEqual(model.scanSeqs({}));
  for (const [key, body] of model.revs) {
    const [id, rev] = JSON.parse(key) as [string, string];
    expect(await engine.getRevs([{ id, rev }])).toEqual([body]);
  }
  for (const [id, local] of model.locals) expect(await engine.getLocal(id)).toEqual(local);
  for (const [digest, data] of model.attachments) {
    expect(Array.from((await engine.getAttachment(digest)) ?? [])).toEqual(Array.from(data));
  }
  const digests = ['md5-a', 'md5-b', 'md5-c'];
  expect(await engine.getAttachmentRecords(digests)).toEqual(
    digests.map((d) => model.attachmentRecords.get(d)),
  );
  for (const d of digests) {
    if (!model.attachments.has(d)) expect(await engine.getAttachment(d)).toBeUndefined();
  }
  if (model.meta) expect((await engine.reload()).meta).toEqual(model.meta);
}

function sortDocs(docs: DocRecord[]): DocRecord[] {
  return [...docs].sort((a, b) => codePointOrder(a.id, b.id));
}

function sortSeqs(seqs: SeqEntry[]): SeqEntry[] {
  return [...seqs].sort((a, b) => a.seq - b.seq);
}

/** A range with its strings escaped, so a failure names the exact code points. */
function show(range: object): string {
  return JSON.stringify(range, (_k, v: unknown) =>
    typeof v === 'string' ? [...v].map((c) => `U+${c.codePointAt(0)?.toString(16)}`).join(' ') : v,
  );
}
