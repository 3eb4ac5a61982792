// Deterministic test data: every target gets byte-identical documents and the same random
// choices, so the only thing that differs between columns is the database doing the work.

/** A small seeded PRNG (mulberry32): `Math.random` would differ between runs and targets. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Zero-padded so id order is numeric order: ranges and paging then cover known docs. */
export function docId(i) {
  return `doc-${String(i).padStart(6, '0')}`;
}

/** PouchDB's perf-suite id: `doc_` and ten digits. */
export function createDocId(i) {
  return `doc_${String(i).padStart(10, '0')}`;
}

/** PouchDB's small read-workload doc (`{_id, foo: 'bar', baz: 'quux'}`), `_deleted` if asked. */
export function smallDoc(i, deleted = false) {
  const doc = { _id: createDocId(i), foo: 'bar', baz: 'quux' };
  if (deleted) doc._deleted = true;
  return doc;
}

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];

/** A ~250-byte document, the size of a typical app record (a todo, a contact, an order). */
export function makeDoc(i, prefix = 'doc') {
  const w = (k) => WORDS[(i * 7 + k * 3) % WORDS.length];
  return {
    _id: prefix === 'doc' ? docId(i) : `${prefix}-${String(i).padStart(6, '0')}`,
    type: 'item',
    n: i,
    title: `Item ${i} ${w(0)} ${w(1)}`,
    tags: [w(2), w(3), w(4)],
    price: Math.round(i * 37.31) / 100,
    active: i % 3 !== 0,
    owner: { name: `user${i % 97}`, email: `user${i % 97}@example.com` },
    createdAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
  };
}

/** Documents `0 … count-1`. Fresh objects each call: databases may keep or mutate what they get. */
export function makeDocs(count, prefix = 'doc') {
  return Array.from({ length: count }, (_, i) => makeDoc(i, prefix));
}

/** `count` integers in `[0, max)`, with repeats, from `seed`. */
export function randomInts(count, max, seed) {
  const rand = prng(seed);
  return Array.from({ length: count }, () => Math.floor(rand() * max));
}

/** `count` distinct integers in `[0, max)` in random order (a partial Fisher–Yates shuffle). */
export function distinctInts(count, max, seed) {
  const rand = prng(seed);
  const all = Array.from({ length: max }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rand() * (max - i));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, count);
}
