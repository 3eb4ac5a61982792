import { writeBufferJson } from './binary-json.js';
import { randomRevId } from './ids.js';
import { stringify } from './json-stringify.js';
import { createStringMd5, type StringMd5 } from './md5.js';
import type { LargeAttachmentData } from './rev-hash-with.js';

/**
 * The same hash as `stringMd5(stringify(doc))`, without building the JSON text of large
 * attachment data: each is replaced by a unique placeholder string, and where the
 * placeholder's JSON appears, the data's own JSON text is fed to MD5 piece by piece instead.
 */
export function hashWithLargeData(
  doc: Record<string, unknown>,
  large: LargeAttachmentData[],
): string {
  const tag = `satchel-data-${randomRevId()}`;
  const atts = { ...(doc._attachments as Record<string, Record<string, unknown>>) };
  const data = new Map<string, Uint8Array | string>();
  large.forEach(([name, value], i) => {
    const placeholder = `${tag}-${i}`;
    data.set(`"${placeholder}"`, value);
    atts[name] = { ...atts[name], data: placeholder };
  });
  const text = stringify({ ...doc, _attachments: atts });
  const md5 = createStringMd5();
  const marker = new RegExp(`"${tag}-\\d+"`, 'g');
  let from = 0;
  for (const match of text.matchAll(marker)) {
    md5.update(text.slice(from, match.index));
    writeDataJson(data.get(match[0])!, md5);
    from = match.index + match[0].length;
  }
  md5.update(text.slice(from));
  return md5.hex();
}

/**
 * Anything but printable ASCII other than a quote (0x22) or a backslash (0x5c): a string
 * without any is its own JSON text between quotes (base64 always is). Others take
 * `JSON.stringify`. One character class, no alternation: several times faster to scan.
 */
const NOT_PLAIN = /[^\x20\x21\x23-\x5b\x5d-\x7e]/;

/** Feeds `md5` the JSON text of a Buffer or a string. */
function writeDataJson(value: Uint8Array | string, md5: StringMd5): void {
  if (typeof value !== 'string') {
    writeBufferJson(value, (part) => md5.update(part));
  } else if (NOT_PLAIN.test(value)) {
    md5.update(JSON.stringify(value));
  } else {
    md5.update('"');
    md5.update(value); // hashed where it is, a slice at a time: never copied whole
    md5.update('"');
  }
}
