import { LONGEST_TIMER_MS } from '@satchel/core';
import type { DriveTransportOptions } from './drive-transport.js';

/** What `onEngine` receives: the engine's controls an app may call itself. */
export interface GDriveControls {
  /** Looks for other devices' writes now (live feeds and `info()` then reflect them). */
  poll(): Promise<boolean>;
  /** Writes a snapshot now, so the next startup reads one index instead of the log. */
  snapshot(): Promise<boolean>;
  /** Deletes unreferenced files past the grace period; returns how many. */
  sweep(): Promise<number>;
}

/** Options of a Google Drive database, beyond where and how to reach Drive. */
export interface GDriveOptions extends DriveTransportOptions {
  /**
   * Called once with the database's engine when the adapter creates it, for apps that want to
   * poll on demand (e.g. when the window regains focus), snapshot or sweep at a time they pick.
   */
  onEngine?: (engine: GDriveControls) => void;
  /**
   * Folder holding the database folder: a folder id, `'root'` (My Drive, the default) or
   * `'appDataFolder'` (the app's hidden folder; needs the `drive.appdata` scope).
   */
  parent?: string;
  /**
   * Open the database folder with this id instead of looking it up by name in `parent` (a
   * folder shared with this user, or one a picker returned).
   */
  folderId?: string;
  /**
   * How often, in ms, `_meta.json` is checked for other devices' writes while something
   * watches the database (live changes, live replication). Default 10000; 0 turns polling off.
   */
  pollIntervalMs?: number;
  /** Byte budget of the cache of document bodies and attachments fetched (default 32 MB). */
  cacheBytes?: number;
  /** After this many change files since the last snapshot, a new one is written (default 200). */
  snapshotAfter?: number;
  /** Target size of one snapshot data file in bytes (default 1 MB). */
  chunkBytes?: number;
  /**
   * How long, in ms, a file no longer referenced (an old snapshot, a folded or failed change
   * file) is kept before it is deleted, so readers still using it are not cut off (default 1 h).
   * Must be longer than any single request can take.
   */
  gracePeriodMs?: number;
}

/** The settings with every default applied, in one place. */
export interface GDriveSettings {
  parent: string;
  pollIntervalMs: number;
  cacheBytes: number;
  snapshotAfter: number;
  chunkBytes: number;
  gracePeriodMs: number;
}

/** The defaults. */
export const gdriveDefaults: GDriveSettings = {
  parent: 'root',
  pollIntervalMs: 10_000,
  cacheBytes: 32 * 1024 * 1024,
  snapshotAfter: 200,
  chunkBytes: 1024 * 1024,
  gracePeriodMs: 60 * 60 * 1000,
};

/** Applies the defaults to `options` (`null` counts as not given). */
export function settingsOf(options: GDriveOptions): GDriveSettings {
  const settings = { ...gdriveDefaults };
  for (const key of Object.keys(gdriveDefaults) as (keyof GDriveSettings)[]) {
    const value = options[key];
    if (value != null) (settings as Record<string, unknown>)[key] = value;
  }
  return settings;
}

/** A rule an option's value must keep, with the words that say it. */
type Rule = [test: (value: unknown) => boolean, must: string];

const atLeast =
  (min: number, whole = false): Rule[0] =>
  (v) =>
    typeof v === 'number' && v >= min && (whole ? Number.isInteger(v) : Number.isFinite(v));
/** A delay timers can wait: `min` ms or more, up to the longest timer. */
const delay = (min: number, words: string): Rule => [
  (v) => atLeast(min)(v) && (v as number) <= LONGEST_TIMER_MS,
  `${words}, at most ${LONGEST_TIMER_MS}`,
];
const word: Rule = [(v) => typeof v === 'string' && v !== '', 'a non-empty string'];
const callable: Rule = [(v) => typeof v === 'function', 'a function'];

/**
 * What each option must be. A value read wrongly does harm rather than fail: `pollIntervalMs:
 * 'x'` would poll Drive every millisecond into its rate limit, a negative `gracePeriodMs`
 * would delete files other devices are still reading.
 */
const RULES: Record<string, Rule> = {
  pollIntervalMs: delay(0, 'a number of ms, 0 or more (0: no polling)'),
  cacheBytes: [atLeast(0), 'a number of bytes, 0 or more'],
  snapshotAfter: [atLeast(1, true), 'a whole number, 1 or more'],
  chunkBytes: [atLeast(1, true), 'a whole number of bytes, 1 or more'],
  gracePeriodMs: [atLeast(0), 'a number of ms, 0 or more'],
  requestTimeoutMs: delay(1, 'a number of ms, 1 or more'),
  pageSize: [(v) => atLeast(1, true)(v) && (v as number) <= 1000, 'a whole number from 1 to 1000'],
  parent: word,
  folderId: word,
  baseUrl: word,
  fetch: callable,
  onEngine: callable,
};

const BACKOFF_RULES: Record<string, Rule> = {
  maxAttempts: [atLeast(1, true), 'a whole number, 1 or more'],
  baseDelayMs: delay(0, 'a number of ms, 0 or more'),
  maxDelayMs: delay(0, 'a number of ms, 0 or more'),
};

/**
 * Throws a `TypeError` naming the first option given that breaks its rule (`undefined` and
 * `null` count as not given: the default applies).
 */
export function checkDriveOptions(options: Record<string, unknown>): void {
  const breach = (rules: Record<string, Rule>, values: Record<string, unknown>, at: string) => {
    for (const [key, [test, must]] of Object.entries(rules)) {
      const value = values[key];
      if (value != null && !test(value)) {
        throw new TypeError(`The gdrive adapter's \`${at}${key}\` must be ${must}`);
      }
    }
  };
  breach(RULES, options, '');
  const { backoff } = options;
  if (backoff == null) return;
  if (typeof backoff !== 'object') {
    throw new TypeError("The gdrive adapter's `backoff` must be an object");
  }
  breach(BACKOFF_RULES, backoff as Record<string, unknown>, 'backoff.');
}
