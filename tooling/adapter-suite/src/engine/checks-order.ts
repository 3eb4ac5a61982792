import { expect } from 'vitest';
import { type EngineCheck, record } from './check.js';
import { codePointOrder } from './engine-model.js';

const area = 'order';

/** Where UTF-16 order and code-point order disagree, and ids that stress encodings. */
const IDS = [
  'a',
  'b',
  'aa',
  '!',
  '\u0000',
  '\u0000a',
  '\u00e9',
  '\ue000',
  '\uffff',
  '\ufffd',
  '\u{10000}',
  '\u{1f600}',
  '\u{10ffff}',
  'a\u{1f600}',
  'a\uffff',
  'Z',
];

/** Id order, ranges, reverse and limit of `scanDocs` and `scanSeqs`. */
export const orderChecks: EngineCheck[] = [
  {
    area,
    title: 'ids come back in code-point order: surrogate pairs after U+E000–U+FFFF',
    needs: ['sortedScans'],
    async run(h) {
      const { engine, snapshot } = await h.open();
      await engine.commit({ putDocs: IDS.map((id) => record(id)) }, snapshot.version);
      const expected = [...IDS].sort(codePointOrder);
      expect((await engine.scanDocs({})).map((r) => r.id)).toEqual(expected);
      expect((await engine.scanDocs({ reverse: true })).map((r) => r.id)).toEqual(
        [...expected].reverse(),
      );
      // Astral characters sort above every BMP character, U+FFFF included.
      expect((await engine.scanDocs({ gt: '\uffff' })).map((r) => r.id)).toEqual([
        '\u{10000}',
        '\u{1f600}',
        '\u{10ffff}',
      ]);
      expect((await engine.scanDocs({ gte: 'a', lt: 'b' })).map((r) => r.id)).toEqual([
        'a',
        'aa',
        'a\uffff',
        'a\u{1f600}',
      ]);
      expect(await engine.getDocs(IDS)).toEqual(IDS.map((id) => record(id)));
    },
  },
  {
    area,
    title: 'scans honour bounds, reverse and limit together',
    needs: ['sortedScans'],
    async run(h) {
      const { engine, snapshot } = await h.open();
      const ids = 'abcdefghij'.split('');
      await engine.commit(
        {
          putDocs: ids.map((id, i) => record(id, i + 1)),
          putSeqs: ids.map((id, i) => ({ seq: i + 1, id })),
        },
        snapshot.version,
      );
      const docs = async (range: object) =>
        (await engine.scanDocs(range)).map((r) => r.id).join('');
      expect(await docs({ limit: 3 })).toBe('abc');
      expect(await docs({ reverse: true, limit: 3 })).toBe('jih');
      expect(await docs({ gte: 'c', lt: 'g', reverse: true, limit: 2 })).toBe('fe');
      expect(await docs({ gt: 'c', lte: 'g' })).toBe('defg');
      expect(await docs({ gt: 'c', lte: 'g', reverse: true })).toBe('gfed');
      expect(await docs({ limit: 0 })).toBe('');
      expect(await docs({ gt: 'x' })).toBe('');
      expect(await docs({ gte: 'g', lte: 'c' })).toBe('');
      const seqs = async (range: object) => (await engine.scanSeqs(range)).map((e) => e.seq);
      expect(await seqs({ since: 7 })).toEqual([8, 9, 10]);
      expect(await seqs({ since: 2, limit: 2 })).toEqual([3, 4]);
      expect(await seqs({ reverse: true, limit: 3 })).toEqual([10, 9, 8]);
      expect(await seqs({ reverse: true, before: 4 })).toEqual([3, 2, 1]);
      expect(await seqs({ since: 3, before: 6 })).toEqual([4, 5]);
      expect(await seqs({ limit: 0 })).toEqual([]);
      expect((await engine.scanSeqs({ since: 9 }))[0]).toEqual({ seq: 10, id: 'j' });
    },
  },
  {
    area,
    title: 'a moved or deleted seq entry leaves the by-seq index',
    async run(h) {
      const { engine, snapshot } = await h.open();
      let v = await engine.commit(
        { putSeqs: [1, 2, 3].map((seq) => ({ seq, id: `d${seq}` })) },
        snapshot.version,
      );
      v = await engine.commit({ deleteSeqs: [1], putSeqs: [{ seq: 4, id: 'd1' }] }, v);
      await engine.commit({ deleteSeqs: [2, 99] }, v);
      const seqs = await engine.scanSeqs({});
      expect([...seqs].sort((a, b) => a.seq - b.seq)).toEqual([
        { seq: 3, id: 'd3' },
        { seq: 4, id: 'd1' },
      ]);
    },
  },
];
