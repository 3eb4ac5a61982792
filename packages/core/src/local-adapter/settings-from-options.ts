import type { AdapterOptions } from '../adapter/adapter.js';
import type { LocalAdapterSettings } from './state.js';

/**
 * The one place PouchDB's database options become LocalAdapter settings, so every engine gets
 * them without writing a line: `revs_limit`, `auto_compaction`, `deterministic_revs`. Options
 * of the wrong type are ignored, as PouchDB ignores them.
 */
export function settingsFromOptions(opts: AdapterOptions): Partial<LocalAdapterSettings> {
  const settings: Partial<LocalAdapterSettings> = {};
  if (typeof opts.revs_limit === 'number') settings.revsLimit = opts.revs_limit;
  if (typeof opts.auto_compaction === 'boolean') settings.autoCompaction = opts.auto_compaction;
  if (typeof opts.deterministic_revs === 'boolean') {
    settings.deterministicRevs = opts.deterministic_revs;
  }
  return settings;
}
