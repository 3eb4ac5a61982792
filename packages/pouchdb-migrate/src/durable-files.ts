import { access, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Whether `path` exists. */
export async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Flushes a directory's entries (renames, new files) to disk. */
export async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Flushes every file of `directory` to disk: LevelDB does not sync its writes by default, and
 * the migration must not be marked complete while its data could still be lost to a power cut.
 */
export async function syncFiles(directory: string): Promise<void> {
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const handle = await open(join(directory, entry.name), 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
  await syncDirectory(directory);
}
