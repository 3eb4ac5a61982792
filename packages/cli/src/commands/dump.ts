import type { ServerDb } from '@satchel/server';
import { openDb } from '../open-db.js';

/** The first line of a dump: what it is and where it came from. */
export interface DumpHeader {
  satchel_dump: 1;
  db_name: string;
  update_seq: number | string;
  created: string;
}

type Leaf = { ok?: Record<string, unknown> };

/** Ids read per `changes` page. */
const PAGE = 200;

/**
 * Writes every leaf revision of every document (conflicts and deletions included, with their
 * revision history and attachments inline) as one JSON line each, after a header line. A dump
 * loads back with `new_edits: false`, so the same revision trees come back.
 */
export async function* dumpLines(db: ServerDb, name: string): AsyncGenerator<string> {
  const info = await db.info();
  const header: DumpHeader = {
    satchel_dump: 1,
    db_name: name,
    update_seq: info.update_seq,
    created: new Date().toISOString(),
  };
  yield JSON.stringify(header);
  let since: number | string = 0;
  for (;;) {
    const page = (await db.changes({ since, limit: PAGE, style: 'all_docs' })) as {
      results: { id: string }[];
      last_seq: number | string;
    };
    for (const { id } of page.results) {
      const leaves = (await db.get(id, {
        open_revs: 'all',
        revs: true,
        attachments: true,
      })) as Leaf[];
      for (const leaf of leaves) if (leaf.ok) yield JSON.stringify(leaf.ok);
    }
    if (page.results.length < PAGE) return;
    since = page.last_seq;
  }
}

/** `satchel dump DB > file.ndjson`. */
export async function dumpCommand(
  name: string,
  dataDir: string,
  out: NodeJS.WritableStream,
): Promise<number> {
  const opened = await openDb(name, dataDir);
  // A closed pipe (`| head`) or a full disk reports on the stream, not on `write`: an 'error'
  // (process.stdout: EPIPE) or only a 'close' (a child's stdin). Unheard, the first kills the
  // process with a stack trace and the second leaves the dump waiting for 'drain' forever.
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const onError = (err: Error) => {
    failure ??= err;
    wake?.();
  };
  const onClose = () => onError(new Error('the output was closed'));
  out.on('error', onError);
  out.on('close', onClose);
  let lines = 0;
  try {
    for await (const line of dumpLines(opened.db, opened.label)) {
      if (failure) break;
      if (!out.write(`${line}\n`) && !failure) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          out.once('drain', resolve);
        });
      }
      lines += 1;
    }
  } finally {
    out.removeListener('close', onClose);
    await opened.close();
  }
  if (failure) {
    throw new Error(`dump cut short: the output failed (${failure.message})`);
  }
  out.removeListener('error', onError);
  return lines - 1;
}
