import { decodeBase64Strict, type RevBody } from '@satchel/core';
import { revKey } from './drive-state.js';
import { unframe } from './ndjson.js';

/** The bodies and attachment bytes one file holds (a change file or a snapshot data chunk). */
export interface BodyFile {
  /** Bodies by `revKey`, with the length of their JSON (their weight in a cache). */
  bodies: Map<string, { body: RevBody; bytes: number }>;
  attachments: Map<string, Uint8Array>;
}

/**
 * Reads the bodies and attachment bytes out of a change file or a snapshot data chunk: both
 * write a body as `{"t":"r","id","rev","b"}` and bytes as `{"t":"a","digest","data"}`.
 */
export function decodeBodyFile(text: string): BodyFile {
  const file: BodyFile = { bodies: new Map(), attachments: new Map() };
  const { records, sizes } = unframe(text);
  records.forEach((line, i) => {
    if (line.t === 'r') {
      file.bodies.set(revKey(line.id as string, line.rev as string), {
        body: line.b as RevBody,
        bytes: sizes[i] as number,
      });
    } else if (line.t === 'a' && typeof line.data === 'string') {
      file.attachments.set(line.digest as string, decodeBase64Strict(line.data));
    }
  });
  return file;
}
