/** True for any object, arrays included (what `typeof x === 'object'` means, minus `null`). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** True for a non-null object that is not an array: the shape of a selector or condition. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return isObject(value) && !Array.isArray(value);
}
