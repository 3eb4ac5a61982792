import type { Engine, EngineMeta, EngineVersion } from '../engine/engine.js';
import type { GroupMember } from './group-commit.js';
import type { RwLock } from './rw-lock.js';

/**
 * How LocalAdapter redoes a write whose commit another writer refused: at once the first
 * time, then after a random pause ("full jitter") that doubles its ceiling each attempt, so two
 * writers racing for one store drift apart instead of colliding in step.
 */
export interface ConflictRetrySettings {
  /** Ceiling of the first pause, in ms; it doubles on every further refusal. */
  baseDelay: number;
  /** The ceiling stops doubling here, in ms. */
  maxDelay: number;
  /**
   * Total time, in ms, after which a write still being refused fails with a 409 `conflict`
   * naming the cause (the write is then not applied, never half-applied).
   */
  timeout: number;
}

/** Settings a LocalAdapter is created with; defaults live in `localAdapterDefaults`. */
export interface LocalAdapterSettings {
  /** Name the adapter reports as `db.adapter` ('memory', 'leveldb', …). */
  type: string;
  /** How many ancestor revisions each document keeps (PouchDB's `revs_limit`). */
  revsLimit: number;
  /** Whether non-leaf revision bodies are dropped on every write. */
  autoCompaction: boolean;
  /** Whether new revision ids are content hashes (PouchDB's default) or random. */
  deterministicRevs: boolean;
  /** Extra fields `info()` reports, e.g. `backend_adapter`. */
  info: Record<string, unknown>;
  /** How refused commits are retried; see {@link ConflictRetrySettings}. */
  conflictRetry: ConflictRetrySettings;
}

/** The defaults PouchDB 9 uses for local databases. */
export const localAdapterDefaults: LocalAdapterSettings = {
  type: 'local',
  revsLimit: 1000,
  autoCompaction: false,
  deterministicRevs: true,
  info: {},
  conflictRetry: { baseDelay: 2, maxDelay: 250, timeout: 30_000 },
};

/** What the operation modules of LocalAdapter share. */
export interface AdapterState {
  readonly engine: Engine;
  readonly lock: RwLock;
  readonly settings: LocalAdapterSettings;
  /** Last committed or reloaded meta; replaced after each commit or reload. */
  meta: EngineMeta;
  /** The store version `meta` was read at; the next commit is checked against it. */
  version: EngineVersion;
  /**
   * Called when a reload finds that another writer committed, whichever path reloaded (a
   * `watch` report or a refused commit): live feeds must hear of those writes either way.
   */
  onOutsideWrite?: () => void;
  /** The first of the writes queued to commit together, while it still waits for the lock (`group-commit`). */
  writeGroup?: GroupMember | undefined;
}
