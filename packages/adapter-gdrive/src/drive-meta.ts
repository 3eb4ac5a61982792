import type { EngineMeta } from '@satchel/core';
import { MalformedAnswer } from './drive-transport.js';

/** The format tag of `_meta.json`; a file with another tag is not opened. */
export const META_FORMAT = 'satchel-gdrive/1';

/** A change file the root pointer lists, with the generation its commit made. */
export interface LogEntry {
  id: string;
  generation: number;
}

/** The current snapshot: an index (loaded at startup) and the chunks holding bodies. */
export interface SnapshotPointer {
  /** The generation whose state the snapshot holds. */
  generation: number;
  index: string;
  data: string[];
}

/** A file no longer referenced, and when it stopped being (the writer's clock, ms). */
export interface RetiredFile {
  id: string;
  at: number;
}

/**
 * `_meta.json`, the root pointer. Everything else in the folder is immutable; this file is only
 * ever replaced by a compare-and-swap on its ETag, so a commit is exactly one successful swap.
 */
export interface DriveMeta {
  format: typeof META_FORMAT;
  /** Bumped by every commit. */
  generation: number;
  /** The Engine meta as of `generation`. */
  meta: EngineMeta;
  snapshot: SnapshotPointer | null;
  /** Change files after the snapshot, oldest first. */
  log: LogEntry[];
  /** Commit ids of the last commits, newest last: how a writer recognises its own commit. */
  recent: string[];
  /** Files to delete once the grace period has passed. */
  retired: RetiredFile[];
}

/** How many commit ids `recent` keeps. */
export const RECENT_COMMITS = 512;

/** The root pointer of a new, empty database. */
export function emptyMeta(uuid: string): DriveMeta {
  return {
    format: META_FORMAT,
    generation: 0,
    meta: { updateSeq: 0, docCount: 0, uuid },
    snapshot: null,
    log: [],
    recent: [],
    retired: [],
  };
}

/** Parses `_meta.json`; a truncated or foreign file throws `MalformedAnswer`. */
export function decodeMeta(text: string): DriveMeta {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MalformedAnswer(`_meta.json is not JSON: ${text.slice(0, 60)}`);
  }
  const meta = value as Partial<DriveMeta> | null;
  if (
    typeof meta !== 'object' ||
    meta === null ||
    meta.format !== META_FORMAT ||
    typeof meta.generation !== 'number' ||
    !Array.isArray(meta.log) ||
    typeof meta.meta !== 'object'
  ) {
    // Not a cut-short download (that fails to parse): a file this version must not touch.
    throw new Error(`_meta.json is not a ${META_FORMAT} root pointer`);
  }
  return meta as DriveMeta;
}

/** Every file the root pointer keeps alive. */
export function referencedFiles(meta: DriveMeta): Set<string> {
  const ids = new Set<string>(meta.log.map((entry) => entry.id));
  if (meta.snapshot) {
    ids.add(meta.snapshot.index);
    for (const id of meta.snapshot.data) ids.add(id);
  }
  for (const file of meta.retired) ids.add(file.id);
  return ids;
}
