/** What an adapter can do; every flag defaults to `true` unless stated otherwise. */
export interface Capabilities {
  /** Inline attachments, `putAttachment`, `getAttachment`, `removeAttachment`. */
  attachments?: boolean;
  /** `purge(docId, rev)`. */
  purge?: boolean;
  /** `compact()` drops the bodies of non-leaf revisions. */
  compaction?: boolean;
  /** The `auto_compaction` database option is honoured (default: `compaction`). */
  autoCompaction?: boolean;
  /** The `revs_limit` database option is honoured (stemming). */
  revsLimit?: boolean;
  /** Revision ids are PouchDB's deterministic md5 ones (false against a CouchDB server). */
  deterministicRevs?: boolean;
  /** Two handles opened on the same name see the same data. */
  sharedHandles?: boolean;
  /** Data survives `close()` and reopening by name. */
  persistence?: boolean;
  /** Closing one handle leaves other open handles of the same name usable. */
  independentClose?: boolean;
  /** `db.changes` is tested (default: whether the instance has a `changes` method). */
  changes?: boolean;
}

/** A capability name. */
export type Capability = keyof Capabilities;

/** Any constructor: the suite only needs PouchDB 9's API from what it builds. */
export type AnyConstructor = abstract new (...args: never[]) => object;

/** How an adapter runs the suite. */
export interface AdapterSuiteConfig {
  /** Shown in the top-level `describe`, e.g. `'adapter-memory'`. */
  label: string;
  /** A Satchel (or PouchDB-compatible) constructor with the adapter registered. */
  Satchel: AnyConstructor;
  /** Options given to every database the suite opens, e.g. `{ adapter: 'memory' }`. */
  options?: Record<string, unknown>;
  /** A fresh database name per call (default: a random `suite-…` name). */
  uniqueName?: () => string;
  /** What the adapter supports; tests needing a missing capability are skipped, named as such. */
  capabilities?: Capabilities;
  /**
   * Tests to skip, each with its reason: keys are `'<area>: <test title>'` or a whole `'<area>'`.
   * Skipped tests show up as skipped with the reason in their title.
   */
  skip?: Record<string, string>;
}

/** Whether the config grants `capability` (default true; autoCompaction follows compaction). */
export function hasCapability(config: AdapterSuiteConfig, capability: Capability): boolean {
  const caps = config.capabilities ?? {};
  const value = caps[capability];
  if (value !== undefined) return value;
  if (capability === 'autoCompaction') return caps.compaction !== false;
  return true;
}

/** A random database name. */
export function randomName(): string {
  return `suite-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
