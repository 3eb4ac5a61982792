import { MalformedAnswer } from './drive-transport.js';

/**
 * Every file the adapter writes is NDJSON framed by a header line `{"t":"h",…}` and a trailer
 * `{"t":"e","n":<records>}`, so a download cut short at a line boundary is caught (the trailer
 * is missing or counts differently) instead of silently losing records.
 */
export interface Line {
  t: string;
  [field: string]: unknown;
}

/** Builds a framed file from its header fields and record lines (already JSON text). */
export function frame(header: Record<string, unknown>, lines: readonly string[]): string {
  const head = JSON.stringify({ t: 'h', ...header });
  return `${head}\n${lines.length > 0 ? `${lines.join('\n')}\n` : ''}{"t":"e","n":${lines.length}}\n`;
}

/**
 * Parses a framed file: its header and its records. Throws `MalformedAnswer` (which makes the
 * transport download again) when a line is not JSON or the trailer does not match.
 */
export function unframe(text: string): { header: Line; records: Line[]; sizes: number[] } {
  const lines = text.split('\n');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const parsed = lines.map(parseLine);
  const header = parsed[0];
  const trailer = parsed[parsed.length - 1];
  if (header?.t !== 'h' || !trailer || trailer.t !== 'e') {
    throw new MalformedAnswer('a Satchel log file without its header or trailer');
  }
  const records = parsed.slice(1, -1);
  if (trailer.n !== records.length) {
    throw new MalformedAnswer(`a log file with ${records.length} records of ${String(trailer.n)}`);
  }
  // Each record's text length: what it weighs in a cache, without serialising it again.
  const sizes = lines.slice(1, -1).map((line) => line.length);
  return { header, records, sizes };
}

function parseLine(line: string): Line {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new MalformedAnswer(`a log line that is not JSON: ${line.slice(0, 60)}`);
  }
  if (typeof value !== 'object' || value === null || typeof (value as Line).t !== 'string') {
    throw new MalformedAnswer(`a log line without a type: ${line.slice(0, 60)}`);
  }
  return value as Line;
}
