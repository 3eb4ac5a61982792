/**
 * The escaping that lets strings live inside indexable strings, where U+0000 ends a value.
 *
 * The three lowest code units are rewritten as two-unit sequences that keep their order and
 * never contain U+0000: `\u0000 → \u0001\u0001`, `\u0001 → \u0001\u0002`,
 * `\u0002 → \u0002\u0002`. Every other code unit is kept, so comparing escaped strings with
 * `<` gives the same answer as comparing the originals.
 *
 * @packageDocumentation
 */

/** Escape sequences indexed by the code unit they replace. */
const ESCAPES = ['\u0001\u0001', '\u0001\u0002', '\u0002\u0002'] as const;
/** Highest code unit that needs escaping. */
const LAST_ESCAPED = 2;
const UNIT_1 = 1;
const UNIT_2 = 2;

/** Escapes `text` for an indexable string; returns `text` itself when nothing needs it. */
export function escapeString(text: string): string {
  const length = text.length;
  let i = 0;
  while (i < length && text.charCodeAt(i) > LAST_ESCAPED) i++;
  if (i === length) return text;
  let out = '';
  let copiedUpTo = 0;
  for (; i < length; i++) {
    const unit = text.charCodeAt(i);
    if (unit > LAST_ESCAPED) continue;
    out += text.slice(copiedUpTo, i) + ESCAPES[unit];
    copiedUpTo = i + 1;
  }
  return out + text.slice(copiedUpTo);
}

/**
 * Reverses {@link escapeString}. A lone `\u0001` or `\u0002` (never written by the escaper)
 * is kept as is, which is also what pouchdb-collate's decoding does with it.
 */
export function unescapeString(text: string): string {
  const length = text.length;
  let i = 0;
  while (i < length && !isEscapeLead(text.charCodeAt(i))) i++;
  if (i === length) return text;
  let out = text.slice(0, i);
  while (i < length) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit === UNIT_1 && (next === UNIT_1 || next === UNIT_2)) {
      out += next === UNIT_1 ? '\u0000' : '\u0001';
      i += 2;
    } else if (unit === UNIT_2 && next === UNIT_2) {
      out += '\u0002';
      i += 2;
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}

function isEscapeLead(unit: number): boolean {
  return unit === UNIT_1 || unit === UNIT_2;
}
