/**
 * Roughly how many bytes `value` takes as JSON, counted without building the JSON (no
 * allocation): enough to bound how much an index update holds back before it writes.
 * @param value - a JSON-like value (an emitted key or value, normalised).
 */
export function approxSize(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
      return 8;
    case 'boolean':
      return 5;
    case 'object':
      return value === null ? 4 : containerSize(value);
    default:
      return 0;
  }
}

/** An array's or object's members, with their separators and (for objects) names. */
function containerSize(value: object): number {
  let size = 2;
  if (Array.isArray(value)) {
    for (const item of value) size += approxSize(item) + 1;
    return size;
  }
  const record = value as Record<string, unknown>;
  for (const name in record) {
    if (Object.hasOwn(record, name)) size += name.length + 4 + approxSize(record[name]);
  }
  return size;
}
