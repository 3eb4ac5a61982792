/**
 * Revision bodies at least this long (UTF-16 code units) are kept as UTF-8 bytes, outside the
 * JavaScript heap: a large string in the heap is copied by the young-generation collector, once
 * when it survives its first collection and again when it is promoted, and a run of large
 * writes spends more in those copies than in encoding the text once. Shorter bodies stay text:
 * they cost the collector little, and a small array costs an allocation of its own.
 */
const BYTES_FROM = 4096;

const encoder = new TextEncoder();
/** `ignoreBOM`: a body's text comes back exactly as it was given, whatever it starts with. */
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** A body's JSON as the memory store keeps it (see {@link storedText}). */
export type StoredText = string | Uint8Array;

/**
 * What to keep for a body's JSON text. The round trip through UTF-8 is exact: JSON text holds no
 * lone surrogate (`JSON.stringify` escapes them), the one thing UTF-8 cannot carry.
 */
export function storedText(json: string): StoredText {
  return json.length >= BYTES_FROM ? encoder.encode(json) : json;
}

/** The JSON text of a body kept by {@link storedText}. */
export function textOf(stored: StoredText): string {
  return typeof stored === 'string' ? stored : decoder.decode(stored);
}
