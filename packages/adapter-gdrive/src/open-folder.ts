import type { DriveFile, DriveTransport } from './drive-transport.js';

/** The oldest of `files` by `createdTime`, then by id: the one every device agrees on. */
export function oldest<T extends DriveFile>(files: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const file of files) {
    if (!best || compareAge(file, best) < 0) best = file;
  }
  return best;
}

function compareAge(a: DriveFile, b: DriveFile): number {
  const byTime = Date.parse(a.createdTime) - Date.parse(b.createdTime);
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Finds the one file or folder named `name` in `parent`, creating it when there is none.
 * Drive has no create-if-absent and allows duplicate names, so two devices may both create
 * one; after creating, the listing is read again and everyone keeps the oldest (by
 * `createdTime`, then id). A copy this device created and lost with is deleted at once; it
 * was never written to. Copies made by others are left to their makers, which do the same.
 */
export async function findOrCreate(
  drive: DriveTransport,
  parent: string,
  name: string,
  create: () => Promise<DriveFile>,
  options: { folders: boolean; parentIsNew?: boolean },
): Promise<{ file: DriveFile; created: boolean }> {
  const { folders } = options;
  // In a folder this device just created there is nothing to find yet.
  const existing = options.parentIsNew
    ? undefined
    : oldest(await drive.list(parent, { name, folders }));
  if (existing) return { file: existing, created: false };
  const mine = await create();
  const winner = oldest(await drive.list(parent, { name, folders })) ?? mine;
  if (winner.id !== mine.id) await drive.remove(mine.id);
  return { file: winner, created: winner.id === mine.id };
}
