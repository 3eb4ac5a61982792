/** A small deterministic PRNG (mulberry32) so a failing seed can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A source of random numbers in [0, 1). */
export type Rand = () => number;

/** A random integer in [0, n). */
export const int = (rand: Rand, n: number): number => Math.floor(rand() * n);

/** A random element of `items`. */
export const pick = <T>(rand: Rand, items: readonly T[]): T => items[int(rand, items.length)] as T;

const SCALARS: readonly unknown[] = [
  null,
  false,
  true,
  -10,
  -1.5,
  0,
  1,
  2,
  3.25,
  100,
  '',
  'a',
  'A',
  'b',
  'ab',
  'é',
  '10',
  'z',
];

/** A random JSON key of any type: scalars, arrays (nested) and objects. */
export function randomKey(rand: Rand, depth = 0): unknown {
  const roll = int(rand, depth > 1 ? 6 : 10);
  if (roll < 6) return pick(rand, SCALARS);
  if (roll < 8) return Array.from({ length: int(rand, 3) }, () => randomKey(rand, depth + 1));
  const obj: Record<string, unknown> = {};
  for (let i = int(rand, 3); i > 0; i--)
    obj[pick(rand, ['a', 'b', 'c'])] = randomKey(rand, depth + 1);
  return obj;
}

/** A random value: mostly numbers, sometimes number arrays or non-numbers. */
export function randomValue(rand: Rand): unknown {
  const roll = int(rand, 10);
  if (roll < 7) return pick(rand, [0, 1, 2, 5, -3, 1.5]);
  if (roll < 8) return [int(rand, 5), int(rand, 5)];
  return roll < 9 ? null : 'text';
}

/** Random documents with random keys `k`, values `v` and numbers `n`. */
export function randomDocs(rand: Rand, count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => {
    const doc: Record<string, unknown> = {
      _id: `doc${String(int(rand, 1000)).padStart(3, '0')}-${i}`,
      k: randomKey(rand),
      v: randomValue(rand),
      n: int(rand, 20) - 5,
    };
    if (rand() < 0.2) doc.link = { _id: `doc${i}` };
    if (rand() < 0.15) doc._attachments = randomAttachments(rand);
    if (rand() < 0.1) doc._deleted = true;
    return doc;
  });
}

/** One or two small inline attachments. */
function randomAttachments(rand: Rand): Record<string, unknown> {
  const atts: Record<string, unknown> = {};
  for (let i = 1 + int(rand, 2); i > 0; i--) {
    const text = `attachment ${int(rand, 100)} `.repeat(1 + int(rand, 3));
    atts[`file${i}.txt`] = {
      content_type: 'text/plain',
      data: Buffer.from(text).toString('base64'),
    };
  }
  return atts;
}

/** A random 32-digit hex string (a revision hash). */
function hex(rand: Rand): string {
  return Array.from({ length: 32 }, () => int(rand, 16).toString(16)).join('');
}

/**
 * Conflicting first revisions for some of `docs` (written with `new_edits: false`), so the
 * databases hold documents with `_conflicts`.
 */
export function conflictingRevisions(
  rand: Rand,
  docs: readonly Record<string, unknown>[],
): Record<string, unknown>[] {
  return docs
    .filter((doc) => !doc._deleted && rand() < 0.25)
    .map((doc) => ({ ...doc, _rev: `1-${hex(rand)}`, v: randomValue(rand), n: int(rand, 20) }));
}
