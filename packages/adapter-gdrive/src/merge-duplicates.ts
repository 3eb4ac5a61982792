import { type Adapter, type AnyDoc, LocalAdapter, type OpenRevsResult } from '@satchel/core';
import { GDriveEngine } from './gdrive-engine.js';
import type { GDriveOptions } from './gdrive-options.js';

/**
 * Copies every revision of `source` that `target` lacks (history and attachments included,
 * as replication does), so no write made to `source` is lost. Idempotent.
 * @returns how many revisions were copied.
 */
export async function copyMissing(target: Adapter, source: Adapter): Promise<number> {
  const feed = await source.changes({ style: 'all_docs', since: 0 });
  let copied = 0;
  for (const change of feed.results) {
    const revs = change.changes.map((c) => c.rev);
    const missing = (await target.revsDiff({ [change.id]: revs }))[change.id]?.missing ?? [];
    if (missing.length === 0) continue;
    const found = (await source.get(change.id, {
      open_revs: missing,
      revs: true,
      attachments: true,
    })) as OpenRevsResult[];
    const docs = found.flatMap((row) => ('ok' in row ? [row.ok] : []));
    await target.bulkDocs(docs as unknown as AnyDoc[], { new_edits: false });
    copied += docs.length;
  }
  return copied;
}

/**
 * Folds the duplicate folders of `engine`'s database into `target` (the adapter over it): two
 * devices that created the database at the same moment, each before Drive listed the other's
 * folder, may both have written. Each duplicate's revisions are copied in, then the folder is
 * deleted, unless it changed while being copied (the next open tries again).
 */
export async function mergeDuplicates(
  engine: GDriveEngine,
  target: Adapter,
  options: GDriveOptions,
): Promise<number> {
  let merged = 0;
  for (const folderId of await engine.duplicates()) {
    const other = new GDriveEngine(engine.name, { ...options, folderId, pollIntervalMs: 0 });
    const source = new LocalAdapter(other);
    try {
      await source.ready();
      await copyMissing(target, source);
      if (!(await other.changedElsewhere())) {
        await source.destroy();
        merged++;
      }
    } finally {
      await source.close().catch(() => undefined);
    }
  }
  return merged;
}
