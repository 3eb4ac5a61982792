import { changesPlugin, setSelectorMatcher } from '@satchel/changes';
import { Satchel } from '@satchel/core';
import { matchesSelector } from '@satchel/selector';
import type { GDriveOptions } from '../src/gdrive-options.js';
import { gdriveAdapter } from '../src/index.js';

Satchel.adapter('gdrive', gdriveAdapter);
Satchel.plugin(changesPlugin);
setSelectorMatcher(matchesSelector);

/** Fast retries for tests: a mock answers in milliseconds. */
export const testBackoff = { baseDelayMs: 20, maxDelayMs: 400, maxAttempts: 10 };

/**
 * Options of one "device": its own token function, so each device gets its own engine and
 * LocalAdapter even in one process (as separate devices would).
 */
export function device(baseUrl: string, extra: Partial<GDriveOptions> = {}): GDriveOptions {
  return {
    baseUrl,
    getAccessToken: () => 'valid-token',
    backoff: testBackoff,
    requestTimeoutMs: 10_000,
    pollIntervalMs: 0,
    ...extra,
  };
}

/** A Satchel database on Drive, as one device. */
export function openDb(name: string, baseUrl: string, extra: Partial<GDriveOptions> = {}): Satchel {
  return new Satchel(name, { adapter: 'gdrive', ...device(baseUrl, extra) });
}

export { Satchel };
