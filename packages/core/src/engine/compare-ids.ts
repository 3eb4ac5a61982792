/**
 * Orders document ids by Unicode code point, which is the order the Engine contract asks for
 * and the order LevelDB gives (it compares UTF-8 bytes, and UTF-8 byte order is code-point
 * order).
 *
 * JavaScript's `<` compares UTF-16 code units instead. The two agree except where the first
 * differing characters are an astral character (a surrogate pair, U+10000 and up) and a BMP
 * character in U+E000–U+FFFF: `<` puts the astral one first, code-point order last. So this
 * walks to the first differing unit and, when both units are ≥ U+D800, moves surrogates above
 * U+E000–U+FFFF (ICU's "code point order fix-up"). Lone surrogates are ordered as if they were
 * the start of a pair; LevelDB cannot store them faithfully anyway (UTF-8 turns them into
 * U+FFFD).
 *
 * @returns negative if `a` sorts first, positive if `b` does, 0 if equal.
 */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length - b.length;
  let x = a.charCodeAt(i);
  let y = b.charCodeAt(i);
  if (x >= 0xd800 && y >= 0xd800) {
    x = fixUp(x);
    y = fixUp(y);
  }
  return x - y;
}

/** Maps surrogates (D800–DFFF) above E000–FFFF, keeping each group's own order. */
function fixUp(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}
