/** The numeric part of an update sequence: numbers as they are, CouchDB's `"N-…"` strings by N. */
export function seqNumber(seq: unknown): number {
  if (typeof seq === 'number') return seq;
  const n = Number.parseInt(String(seq), 10);
  return Number.isFinite(n) ? n : 0;
}
