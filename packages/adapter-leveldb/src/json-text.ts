/**
 * JSON text for strings, built without `JSON.stringify` when nothing needs escaping (ids,
 * revisions and hashes almost never do): measured several times faster on the short strings
 * records are made of.
 */
export function quote(text: string): string {
  return needsEscape(text) ? JSON.stringify(text) : `"${text}"`;
}

/** Whether JSON must escape a character of `text` (conservatively: any surrogate too). */
function needsEscape(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}
