import { writeBufferJson } from './binary-json.js';
import { randomRevId } from './ids.js';
import { stringify } from './json-stringify.js';
import { createStringMd5 } from './md5.js';

/**
 * The same hash as `stringMd5(stringify(doc))`, without building the JSON of large Buffers:
 * each is replaced by a unique placeholder string, and where the placeholder's JSON appears
 * the Buffer's own JSON text is fed to MD5 piece by piece instead.
 */
export function hashWithBuffers(
  doc: Record<string, unknown>,
  large: [string, Uint8Array][],
): string {
  const tag = `satchel-binary-${randomRevId()}`;
  const atts = { ...(doc._attachments as Record<string, Record<string, unknown>>) };
  const buffers = new Map<string, Uint8Array>();
  large.forEach(([name, buffer], i) => {
    const placeholder = `${tag}-${i}`;
    buffers.set(`"${placeholder}"`, buffer);
    atts[name] = { ...atts[name], data: placeholder };
  });
  const text = stringify({ ...doc, _attachments: atts });
  const md5 = createStringMd5();
  const marker = new RegExp(`"${tag}-\\d+"`, 'g');
  let from = 0;
  for (const match of text.matchAll(marker)) {
    md5.update(text.slice(from, match.index));
    writeBufferJson(buffers.get(match[0])!, (part) => md5.update(part));
    from = match.index + match[0].length;
  }
  md5.update(text.slice(from));
  return md5.hex();
}
