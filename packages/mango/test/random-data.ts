/** A small seeded PRNG (mulberry32), so a failing seed can be replayed. */
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

export type Rand = () => number;

export function pick<T>(rand: Rand, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

export function chance(rand: Rand, p: number): boolean {
  return rand() < p;
}

const STRINGS = ['', 'a', 'b', 'B', 'ab', 'apple', 'Zed', 'é', '10', '2'];
const NUMBERS = [-5, -1, 0, 0.5, 1, 2, 3, 10, 100];

/** A random scalar of any JSON type. */
export function randomScalar(rand: Rand): unknown {
  const r = rand();
  if (r < 0.1) return null;
  if (r < 0.2) return rand() < 0.5;
  if (r < 0.55) return pick(rand, NUMBERS);
  return pick(rand, STRINGS);
}

/** A random JSON value: scalars mostly, some small arrays and objects. */
export function randomValue(rand: Rand, depth = 0): unknown {
  const r = rand();
  if (depth < 2 && r < 0.12) {
    return Array.from({ length: Math.floor(rand() * 3) }, () => randomValue(rand, depth + 1));
  }
  if (depth < 2 && r < 0.2) return { x: randomValue(rand, depth + 1), y: randomScalar(rand) };
  return randomScalar(rand);
}

/** Field names documents, indexes, selectors and sorts draw from (nested ones too). */
export const FIELDS = ['a', 'b', 'c', 'n.x', 'n.y', 'tags'];

/** A random document: each field present or missing, any type. */
export function randomDoc(rand: Rand, id: string): Record<string, unknown> {
  const doc: Record<string, unknown> = { _id: id };
  if (chance(rand, 0.8)) doc.a = randomScalar(rand);
  if (chance(rand, 0.75)) doc.b = pick(rand, [...NUMBERS, 'x', 'y', null]);
  if (chance(rand, 0.6)) doc.c = randomValue(rand);
  if (chance(rand, 0.6)) {
    doc.n = chance(rand, 0.85)
      ? { x: randomScalar(rand), y: pick(rand, NUMBERS) }
      : randomScalar(rand);
  }
  if (chance(rand, 0.5)) {
    doc.tags = Array.from({ length: Math.floor(rand() * 4) }, () =>
      pick(rand, ['red', 'green', 'blue', 1, 2]),
    );
  }
  return doc;
}

/** `count` random documents with distinct ids. */
export function randomDocs(rand: Rand, count: number, prefix = 'd'): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) =>
    randomDoc(rand, `${prefix}${String(Math.floor(rand() * 1000)).padStart(3, '0')}-${i}`),
  );
}
