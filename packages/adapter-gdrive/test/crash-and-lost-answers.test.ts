import { describe, expect, it } from 'vitest';
import { GDriveEngine } from '../src/index.js';
import { useDriveBehindProxy } from './drive-server.js';
import { device, openDb } from './helpers.js';

const drive = useDriveBehindProxy();

/** Resolves once the proxy has seen a request matching `part` (after `from`). */
async function sawRequest(part: string, from: number): Promise<void> {
  while (!drive.proxy.requests.slice(from).some((line) => line.includes(part))) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A `fetch` that can be "killed": from then on no call ever settles, as in a dead process. */
function killableFetch(): { fetch: typeof fetch; kill(): void } {
  let dead = false;
  const never = new Promise<Response>(() => undefined);
  return {
    fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
      dead ? never : globalThis.fetch(input, init)) as typeof fetch,
    kill: () => {
      dead = true;
    },
  };
}

describe('a writer killed between its upload and its swap', () => {
  it('leaves no partial batch, and its orphan is swept after the grace period', async () => {
    const seed = openDb('crash', drive.server.url);
    await seed.put({ _id: 'before', v: 1 });
    const victim = killableFetch();
    const doomed = openDb('crash', drive.proxy.url, { fetch: victim.fetch });
    await doomed.info();
    const from = drive.proxy.requests.length;
    drive.proxy.inject({ match: 'PUT /upload/drive/v2/files', hang: true });
    void doomed
      .bulkDocs([
        { _id: 'x1', v: 1 },
        { _id: 'x2', v: 2 },
        { _id: 'x3', v: 3 },
      ])
      .catch(() => undefined);
    await sawRequest('PUT /upload/drive/v2/files', from);
    // The change file is uploaded; the swap is in flight. The process dies.
    victim.kill();
    drive.proxy.dropConnections();
    drive.proxy.clear();

    const reader = openDb('crash', drive.server.url);
    expect((await reader.allDocs({})).rows.map((r) => r.id)).toEqual(['before']);
    await reader.put({ _id: 'after', v: 2 });

    const janitor = new GDriveEngine('crash', device(drive.server.url, { gracePeriodMs: 0 }));
    await janitor.open();
    const files = await janitor.drive.list((await folderOf(janitor)) as string);
    const changeFiles = files.filter((f) => f.name.startsWith('changes-'));
    expect(changeFiles).toHaveLength(3); // before, the orphan, after
    expect(await janitor.sweep()).toBe(1);
    const left = await janitor.drive.list((await folderOf(janitor)) as string);
    expect(left.filter((f) => f.name.startsWith('changes-'))).toHaveLength(2);

    const fresh = openDb('crash', drive.server.url);
    expect((await fresh.allDocs({})).rows.map((r) => r.id)).toEqual(['after', 'before']);
    await janitor.close();
    await Promise.all([seed.close(), reader.close(), fresh.close()]);
  });

  it('a sweep inside the grace period deletes nothing', async () => {
    const db = openDb('young', drive.server.url);
    await db.put({ _id: 'a' });
    const engine = new GDriveEngine('young', device(drive.server.url));
    await engine.open();
    await engine.drive.createFile(
      'changes-9-orphan.ndjson',
      (await folderOf(engine)) as string,
      '',
    );
    expect(await engine.sweep()).toBe(0);
    await engine.close();
    await db.close();
  });
});

describe('a swap whose answer is lost', () => {
  it('is recognised as committed: one revision, no conflict, no duplicate', async () => {
    const db = openDb('lost', drive.proxy.url);
    await db.put({ _id: 'a', v: 0 });
    drive.proxy.inject({ match: 'PUT /upload/drive/v2/files', dropAfterBytes: 0 });
    const from = drive.proxy.requests.length;
    const result = await db.put({ _id: 'b', v: 1 });
    expect(result.ok).toBe(true);
    // The first swap landed but its answer was cut; the retry was refused (412) as stale.
    const swaps = drive.proxy.requests
      .slice(from)
      .filter((l) => l.startsWith('PUT /upload/drive/v2'));
    expect(swaps).toHaveLength(2);
    const other = openDb('lost', drive.server.url);
    const changes = await other.changes({});
    expect(changes.results.map((c) => [c.id, c.seq])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(await other.get('b')).toMatchObject({ _rev: result.rev, v: 1 });
    // The writer carries on normally.
    await db.put({ _id: 'c', v: 2 });
    expect((await db.info()).update_seq).toBe(3);
    await Promise.all([db.close(), other.close()]);
  });
});

/** The database folder's id, found through the engine's pointer file listing. */
async function folderOf(engine: GDriveEngine): Promise<string | undefined> {
  const folders = await engine.drive.list('root', { name: engine.name, folders: true });
  return folders[0]?.id;
}
