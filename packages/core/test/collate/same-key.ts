/**
 * A text form of a normalised key that tells apart everything collation cares about: `-0`
 * from `0`, strings from numbers, and member order. Unlike `toStrictEqual` it ignores
 * prototypes, which pouchdb-collate sometimes changes by accident (it assigns `"__proto__"`).
 */
export function describeKey(key: unknown): string {
  return JSON.stringify(key, (_name, value: unknown) => {
    if (typeof value === 'number') return `n:${Object.is(value, -0) ? '-0' : String(value)}`;
    if (typeof value === 'string') return `s:${value}`;
    return value;
  });
}
