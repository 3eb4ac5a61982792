import { createError, Errors } from '@satchel/core';
import { defaultBackOff } from './back-off.js';
import type { ReplicateOptions, ReplicationFilterFunction } from './types.js';

/** PouchDB's defaults for replication. */
export const REPLICATION_DEFAULTS = {
  batch_size: 100,
  batches_limit: 10,
  style: 'all_docs',
} as const;

/** Which sides get checkpoint documents. */
export interface CheckpointSides {
  source: boolean;
  target: boolean;
}

/** A replication's options after validation: what the protocol actually uses. */
export interface NormalizedOptions {
  live: boolean;
  retry: boolean;
  backOff: (delay: number) => number;
  since: number | string | undefined;
  checkpoint: CheckpointSides;
  filterFunction: ReplicationFilterFunction | undefined;
  batchSize: number;
  batchesLimit: number;
  /** Options given to every `changes` read of the source (without since/limit/live). */
  changes: Record<string, unknown>;
  /** The caller's options, as the replication id is computed from them. */
  raw: ReplicateOptions;
}

/** Keys that belong to replication, never passed to a database constructor. */
export const REPLICATION_KEYS = new Set([
  'live',
  'continuous',
  'retry',
  'back_off_function',
  'since',
  'checkpoint',
  'filter',
  'doc_ids',
  'query_params',
  'selector',
  'view',
  'style',
  'batch_size',
  'batches_limit',
  'heartbeat',
  'timeout',
  'push',
  'pull',
  'complete',
  'current_back_off',
]);

function bad(reason: string): Error {
  return createError(Errors.BAD_REQUEST, reason);
}

function positiveInt(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === null || value === 0) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw bad(`\`${name}\` must be a positive integer`);
  }
  return value;
}

function checkpointSides(value: unknown): CheckpointSides {
  if (value === false) return { source: false, target: false };
  if (value === 'source') return { source: true, target: false };
  if (value === 'target') return { source: false, target: true };
  if (value === undefined || value === true) return { source: true, target: true };
  throw bad("`checkpoint` must be true, false, 'source' or 'target'");
}

function checkShapes(opts: ReplicateOptions): void {
  if (opts.doc_ids !== undefined && !Array.isArray(opts.doc_ids)) {
    throw bad('`doc_ids` filter parameter is not a list.');
  }
  if (opts.doc_ids?.some((id) => typeof id !== 'string')) {
    throw bad('`doc_ids` must be a list of strings');
  }
  const { filter } = opts;
  if (filter !== undefined && typeof filter !== 'function' && typeof filter !== 'string') {
    throw bad('`filter` must be a function or a string');
  }
  if (filter === '_view' && typeof opts.view !== 'string') {
    throw bad('`view` filter parameter not found or invalid.');
  }
  for (const key of ['query_params'] as const) {
    const v = opts[key];
    if (v !== undefined && (typeof v !== 'object' || v === null || Array.isArray(v))) {
      throw bad(`\`${key}\` must be an object`);
    }
  }
  if (opts.style !== undefined && opts.style !== 'all_docs' && opts.style !== 'main_only') {
    throw bad("`style` must be 'all_docs' or 'main_only'");
  }
  if (opts.back_off_function !== undefined && typeof opts.back_off_function !== 'function') {
    throw bad('`back_off_function` must be a function');
  }
  const since = opts.since;
  if (since !== undefined && typeof since !== 'number' && typeof since !== 'string') {
    throw bad('`since` must be a number or a string');
  }
}

/** The `changes` options of every source read, as PouchDB's replicator builds them. */
function changesOptions(opts: ReplicateOptions): Record<string, unknown> {
  const out: Record<string, unknown> = { style: opts.style ?? REPLICATION_DEFAULTS.style };
  if (opts.doc_ids) out.doc_ids = opts.doc_ids;
  if (opts.selector) out.selector = opts.selector;
  // Function filters run here, on each change's doc; named ones run in the source's feed.
  if (typeof opts.filter === 'function') out.include_docs = true;
  else if (typeof opts.filter === 'string') out.filter = opts.filter;
  for (const key of ['heartbeat', 'timeout', 'query_params', 'view'] as const) {
    if (opts[key] !== undefined) out[key] = opts[key];
  }
  return out;
}

/**
 * `opts` without its `null` values: PouchDB reads options by truthiness, so `{filter: null}`
 * or `{since: null}` (a config that leaves a value out) means the option is not given.
 */
function withoutNulls(opts: ReplicateOptions): ReplicateOptions {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(opts)) if (value !== null) out[key] = value;
  return out as ReplicateOptions;
}

/**
 * Validates `given` and applies PouchDB 9's defaults. Malformed options throw a
 * `bad_request` error naming the option; `null` means not given, as in PouchDB.
 */
export function normalizeOptions(given: ReplicateOptions): NormalizedOptions {
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw bad('replication options must be an object');
  }
  const opts = withoutNulls(given);
  checkShapes(opts);
  return {
    live: Boolean(opts.live || opts.continuous),
    retry: Boolean(opts.retry),
    backOff: opts.back_off_function ?? defaultBackOff,
    since: opts.since,
    checkpoint: checkpointSides(opts.checkpoint),
    filterFunction: typeof opts.filter === 'function' ? opts.filter : undefined,
    batchSize: positiveInt(opts.batch_size, 'batch_size', REPLICATION_DEFAULTS.batch_size),
    batchesLimit: positiveInt(
      opts.batches_limit,
      'batches_limit',
      REPLICATION_DEFAULTS.batches_limit,
    ),
    changes: changesOptions(opts),
    raw: opts,
  };
}
