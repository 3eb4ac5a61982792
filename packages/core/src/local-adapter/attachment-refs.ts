import type { RevBody } from '../engine/engine.js';

/** The digests a stored revision body references. */
export function digestsOf(body: RevBody | undefined): string[] {
  const atts = body?._attachments as Record<string, { digest?: string }> | undefined;
  if (!atts) return [];
  return Object.values(atts).flatMap((att) => (att?.digest ? [att.digest] : []));
}
