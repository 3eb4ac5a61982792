import type {
  AttachmentRecord,
  DocRecord,
  EngineBatch,
  EngineMeta,
  IdRange,
  LocalRecord,
  RevBody,
  SeqEntry,
  SeqRange,
} from '@satchel/core/engine';

/**
 * The code points of `s`, a valid surrogate pair counting as one and a lone surrogate as its
 * own value: the order the Engine contract asks for, computed without `compareIds` (so a bug
 * there cannot hide one in an engine).
 */
export function codePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const hi = s.charCodeAt(i);
    const lo = s.charCodeAt(i + 1);
    if (hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff) {
      out.push(0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00));
      i++;
    } else {
      out.push(hi);
    }
  }
  return out;
}

/** Code-point order of two strings (see {@link codePoints}). */
export function codePointOrder(a: string, b: string): number {
  const x = codePoints(a);
  const y = codePoints(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]! - y[i]!;
  }
  return x.length - y.length;
}

/** A brute-force model of the Engine contract: plain Maps, filtering and sorting per query. */
export class EngineModel {
  readonly docs = new Map<string, DocRecord>();
  readonly revs = new Map<string, RevBody>();
  readonly seqs = new Map<number, string>();
  readonly locals = new Map<string, LocalRecord>();
  // Typed, not inferred: TypeScript 5.7+ would write the inferred `Uint8Array<ArrayBufferLike>`
  // into the declaration file, which older compilers refuse.
  readonly attachments: Map<string, Uint8Array> = new Map();
  readonly attachmentRecords = new Map<string, AttachmentRecord>();
  meta: EngineMeta | undefined;

  /**
   * `batch` restricted to what the Engine contract allows on the model's current state: a
   * revision body is put only while it is not stored (bodies are immutable; see
   * docs/engine-contract.md, "Valid batches"). Random batches break that rule; LocalAdapter
   * never does. It also names documents the batch creates (`newDocs`): every other one of
   * those the model holds no record of, so a batch mixes named and unnamed new documents
   * (naming all, some or none is valid).
   */
  valid(batch: EngineBatch): EngineBatch {
    const created = (batch.putDocs ?? []).filter((r) => !this.docs.has(r.id));
    const newDocs = created.filter((_, i) => i % 2 === 0).map((r) => r.id);
    const named = newDocs.length > 0 ? { ...batch, newDocs } : batch;
    if (!named.putRevs) return named;
    return { ...named, putRevs: named.putRevs.filter((r) => !this.revs.has(revId(r.id, r.rev))) };
  }

  apply(batch: EngineBatch): void {
    for (const id of batch.deleteDocs ?? []) this.docs.delete(id);
    for (const r of batch.putDocs ?? []) this.docs.set(r.id, r);
    for (const r of batch.deleteRevs ?? []) this.revs.delete(revId(r.id, r.rev));
    for (const r of batch.putRevs ?? []) this.revs.set(revId(r.id, r.rev), r.body);
    for (const seq of batch.deleteSeqs ?? []) this.seqs.delete(seq);
    for (const e of batch.putSeqs ?? []) this.seqs.set(e.seq, e.id);
    for (const id of batch.deleteLocals ?? []) this.locals.delete(id);
    for (const r of batch.putLocals ?? []) this.locals.set(r.id, r);
    for (const d of batch.deleteAttachments ?? []) {
      this.attachments.delete(d);
      this.attachmentRecords.delete(d);
    }
    for (const { digest, refs, data } of batch.putAttachments ?? []) {
      this.attachmentRecords.set(digest, { digest, refs });
      if (data) this.attachments.set(digest, data);
    }
    if (batch.meta) this.meta = batch.meta;
  }

  getRev(id: string, rev: string): RevBody | undefined {
    return this.revs.get(revId(id, rev));
  }

  scanDocs(range: IdRange): DocRecord[] {
    const inRange = (id: string): boolean =>
      (range.gt === undefined || codePointOrder(id, range.gt) > 0) &&
      (range.gte === undefined || codePointOrder(id, range.gte) >= 0) &&
      (range.lt === undefined || codePointOrder(id, range.lt) < 0) &&
      (range.lte === undefined || codePointOrder(id, range.lte) <= 0);
    const rows = [...this.docs.values()]
      .filter((r) => inRange(r.id))
      .sort((a, b) => codePointOrder(a.id, b.id));
    if (range.reverse) rows.reverse();
    return limited(rows, range.limit);
  }

  scanSeqs(range: SeqRange): SeqEntry[] {
    const rows = [...this.seqs]
      .filter(
        ([seq]) =>
          (range.since === undefined || seq > range.since) &&
          (range.before === undefined || seq < range.before),
      )
      .sort(([a], [b]) => a - b)
      .map(([seq, id]) => ({ seq, id }));
    if (range.reverse) rows.reverse();
    return limited(rows, range.limit);
  }
}

/** `limit` absent or negative means unbounded. */
function limited<T>(rows: T[], limit: number | undefined): T[] {
  return limit === undefined || limit < 0 ? rows : rows.slice(0, limit);
}

/** A Map key for (id, rev) that cannot collide: JSON of the pair. */
function revId(id: string, rev: string): string {
  return JSON.stringify([id, rev]);
}
