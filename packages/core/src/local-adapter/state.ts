import type { Engine, EngineMeta } from '../engine/engine.js';
import type { RwLock } from './rw-lock.js';

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
}

/** The defaults PouchDB 9 uses for local databases. */
export const localAdapterDefaults: LocalAdapterSettings = {
  type: 'local',
  revsLimit: 1000,
  autoCompaction: false,
  deterministicRevs: true,
  info: {},
};

/** What the operation modules of LocalAdapter share. */
export interface AdapterState {
  readonly engine: Engine;
  readonly lock: RwLock;
  readonly settings: LocalAdapterSettings;
  /** Last committed meta; replaced after each commit or reload. */
  meta: EngineMeta;
}
