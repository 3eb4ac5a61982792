/**
 * IndexedDB orders string keys by UTF-16 code unit; the Engine contract orders ids by code
 * point (as LevelDB does). The two differ only where a surrogate pair meets a character in
 * U+E000–U+FFFF. Keys are therefore stored with each code unit ≥ U+D800 remapped so that unit
 * order becomes code-point order: U+E000–U+FFFF move down to U+D800–U+F7FF and surrogates move
 * up to U+F800–U+FFFF. The map is a bijection, and ids without such units (nearly all) are
 * stored as they are. Records keep their real `id`, so keys are never decoded.
 */
const HIGH_UNITS = /[\uD800-\uFFFF]/;

/** The IndexedDB key of document id `id`. */
export function idKey(id: string): string {
  if (!HIGH_UNITS.test(id)) return id;
  let key = '';
  for (let i = 0; i < id.length; i++) {
    const unit = id.charCodeAt(i);
    key += String.fromCharCode(
      unit < 0xd800 ? unit : unit >= 0xe000 ? unit - 0x800 : unit + 0x2000,
    );
  }
  return key;
}
