import type { DocRecord, RevBody } from '../engine/engine.js';
import type { ParsedDoc } from './parse-doc.js';
import type { WritePlan } from './write-plan.js';

/**
 * The body stored for a new revision with attachments: inline data becomes a reference to
 * bytes stored once per digest (`{content_type, digest, length, revpos}`), stubs keep what they
 * say, and the plan notes each reference. Loaded on first use, with the decoding of the data.
 */
export function bodyWithAttachmentRefs(
  plan: WritePlan,
  record: DocRecord,
  parsed: ParsedDoc,
): RevBody {
  const atts = parsed.body._attachments as Record<string, Record<string, unknown>>;
  const ref = `${record.id}@${parsed.rev}`;
  const revpos = Number.parseInt(parsed.rev, 10);
  const stored: Record<string, Record<string, unknown>> = {};
  for (const [name, att] of Object.entries(atts)) {
    const incoming = parsed.incoming?.get(name);
    if (incoming) {
      const { data: _data, stub: _stub, ...rest } = att;
      stored[name] = { ...rest, digest: incoming.digest, length: incoming.length, revpos };
      plan.attachmentRefs.add(incoming.digest, ref, incoming.bytes);
    } else {
      const { data: _data, stub: _stub, ...rest } = att;
      stored[name] = rest;
      plan.attachmentRefs.add(String(att.digest), ref);
    }
  }
  record.attachments = true;
  return { ...parsed.body, _attachments: stored };
}
