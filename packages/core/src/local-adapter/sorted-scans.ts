import { compareIds } from '../engine/compare-ids.js';
import type { DocRecord, Engine, IdRange, SeqEntry, SeqRange } from '../engine/engine.js';

/**
 * Gives an engine without `supports.sortedScans` (a plain key-value store) the scans the
 * contract asks for: it reads the whole key space once per scan and filters, sorts and slices
 * here. Correct for any engine; fast only for small databases, which is the engine's trade.
 */
export function withSortedScans(engine: Engine): Engine {
  const scans: Pick<Engine, 'scanDocs' | 'scanSeqs'> = {
    async scanDocs(range: IdRange): Promise<DocRecord[]> {
      const all = await engine.scanDocs({});
      const kept = all.filter((record) => inIdRange(record.id, range));
      kept.sort((a, b) => compareIds(a.id, b.id));
      return slice(kept, range.reverse, range.limit);
    },
    async scanSeqs(range: SeqRange): Promise<SeqEntry[]> {
      const all = await engine.scanSeqs({});
      const kept = all.filter(
        (e) =>
          (range.since === undefined || e.seq > range.since) &&
          (range.before === undefined || e.seq < range.before),
      );
      kept.sort((a, b) => a.seq - b.seq);
      return slice(kept, range.reverse, range.limit);
    },
  };
  // Everything else goes to the engine itself, so its methods keep their own `this` (private
  // `#fields` included).
  return new Proxy(engine, {
    get(target, key) {
      if (key === 'scanDocs' || key === 'scanSeqs') return scans[key];
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function inIdRange(id: string, range: IdRange): boolean {
  if (range.gt !== undefined && compareIds(id, range.gt) <= 0) return false;
  if (range.gte !== undefined && compareIds(id, range.gte) < 0) return false;
  if (range.lt !== undefined && compareIds(id, range.lt) >= 0) return false;
  if (range.lte !== undefined && compareIds(id, range.lte) > 0) return false;
  return true;
}

function slice<T>(sorted: T[], reverse: boolean | undefined, limit: number | undefined): T[] {
  if (reverse) sorted.reverse();
  // Absent or negative means unbounded, as LevelDB's `-1`.
  return limit === undefined || !(limit >= 0) ? sorted : sorted.slice(0, Math.floor(limit));
}
