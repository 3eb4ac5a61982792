import { type DriveFile, FOLDER_MIME } from './drive-transport.js';

/**
 * The names of the files a database folder holds, in one place: the root pointer, one change
 * file per commit, and a snapshot's index and data chunks. Whatever else a folder holds (a
 * user's files beside a database opened by `folderId`, a folder that happened to share the
 * database's name) is not the database's, so sweeps and `destroy()` never delete it.
 */

/** The root pointer's file name inside a database folder. */
export const META_NAME = '_meta.json';

/** The change file of commit `commit` (a UUID) at `generation`. */
export function changeFileName(generation: number, commit: string): string {
  return `changes-${generation}-${commit}.ndjson`;
}

/** The prefix of every file of one snapshot: its generation and a random tag. */
export function snapshotPrefix(generation: number, tag: string): string {
  return `snapshot-${generation}-${tag}`;
}

/** A snapshot's data chunk number `n`. */
export function snapshotDataName(prefix: string, n: number): string {
  return `${prefix}-data-${n}.ndjson`;
}

/** A snapshot's index. */
export function snapshotIndexName(prefix: string): string {
  return `${prefix}-index.ndjson`;
}

/** What the names hold: a generation, then a commit's UUID or a snapshot's 8-digit hex tag. */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const CHANGE_FILE = new RegExp(`^changes-\\d+-${UUID}\\.ndjson$`);
const SNAPSHOT_FILE = /^snapshot-\d+-[0-9a-f]{8}-(index|data-\d+)\.ndjson$/;

/** Whether `file` is one Satchel writes into a database folder (by its name; never a folder). */
export function isDatabaseFile(file: DriveFile): boolean {
  if (file.mimeType === FOLDER_MIME) return false;
  return file.name === META_NAME || CHANGE_FILE.test(file.name) || SNAPSHOT_FILE.test(file.name);
}
