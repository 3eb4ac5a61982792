import type { AdapterCompactOptions } from '@satchel/core';
import type { HttpClient } from './http-client.js';

/**
 * Starts compaction with `_compact` and waits, polling the database info every `interval` ms
 * (200 by default, as PouchDB), until the server reports it finished.
 * @param client - the database's client.
 * @param opts - `interval`.
 */
export async function compact(client: HttpClient, opts: AdapterCompactOptions): Promise<void> {
  await client.json({ method: 'POST', path: '/_compact', body: {} });
  const interval = opts.interval ?? 200;
  for (;;) {
    const info = await client.json<{ compact_running?: boolean }>({ path: '' });
    if (!info.compact_running) return;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
