import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DriveError } from '../src/drive-error.js';
import { DriveTransport, type DriveTransportOptions } from '../src/drive-transport.js';
import { type DriveServer, startDriveServer } from './drive-server.js';

/**
 * Contract tests for exactly the Drive calls the adapter makes (see `DriveTransport`): what
 * each must do for the adapter to be correct. They run against google-drive-mock, and against
 * real Drive when `GDRIVE_TOKEN` is set (a token with the `drive.file` scope), so a behaviour
 * the mock lacks or gets wrong shows up as a failure here rather than as lost data later.
 */
const realToken = process.env.GDRIVE_TOKEN;

interface Target {
  options: DriveTransportOptions;
  transport: DriveTransport;
  /** A folder to work in, emptied between tests. */
  parent: string;
  stop(): Promise<void>;
}

async function mockTarget(): Promise<Target> {
  const server: DriveServer = await startDriveServer();
  const options = { getAccessToken: () => server.token, baseUrl: server.url };
  const transport = new DriveTransport(options);
  const folder = await transport.createFolder('contract', 'root');
  return { options, transport, parent: folder.id, stop: () => server.stop() };
}

async function realTarget(token: string): Promise<Target> {
  const options = { getAccessToken: () => token };
  const transport = new DriveTransport(options);
  const folder = await transport.createFolder(`satchel-contract-${Date.now()}`, 'root');
  return {
    options,
    transport,
    parent: folder.id,
    stop: () => transport.remove(folder.id),
  };
}

const targets: [string, () => Promise<Target>][] = [['google-drive-mock', mockTarget]];
if (realToken) targets.push(['real Google Drive', () => realTarget(realToken)]);

describe.each(targets)('Drive calls the adapter relies on (%s)', (_label, start) => {
  let target: Target;
  let drive: DriveTransport;
  let parent: string;
  beforeAll(async () => {
    target = await start();
    drive = target.transport;
  });
  afterAll(() => target.stop());
  beforeEach(async () => {
    const folder = await drive.createFolder(
      `case-${Math.random().toString(36).slice(2)}`,
      target.parent,
    );
    parent = folder.id;
  });

  it('createFile stores the exact text and download returns it', async () => {
    const text =
      '{"t":"doc","id":"é ☃ 𝄞"}\n{"t":"rev","b":{"x":"--boundary\\r\\n"}}\n{"t":"end","n":2}\n';
    const file = await drive.createFile('changes-1-a.ndjson', parent, text);
    expect(file).toMatchObject({ name: 'changes-1-a.ndjson' });
    expect(typeof file.id).toBe('string');
    expect(Number.isNaN(Date.parse(file.createdTime))).toBe(false);
    expect(await drive.download(file.id, (t) => t)).toBe(text);
  });

  it('a one-line JSON file comes back as the same JSON value', async () => {
    const text = '{"a":[1,2,{"b":"c"}],"d":"\\u2028"}';
    const file = await drive.createFile('one.json', parent, text, 'application/json');
    expect(JSON.parse(await drive.download(file.id, (t) => t))).toEqual(JSON.parse(text));
  });

  it('files larger than 100 kB round-trip', async () => {
    const line = `{"t":"rev","b":"${'x'.repeat(1000)}"}\n`;
    const text = line.repeat(600);
    const file = await drive.createFile('big.ndjson', parent, text);
    expect(await drive.download(file.id, (t) => t)).toBe(text);
  });

  it('list finds children by parent, name and folder type, and skips other folders', async () => {
    const a = await drive.createFile('a.ndjson', parent, '{}\n');
    const b = await drive.createFile('b.ndjson', parent, '{}\n');
    const sub = await drive.createFolder('sub', parent);
    await drive.createFile('a.ndjson', sub.id, '{}\n');
    const all = await drive.list(parent);
    expect(all.map((f) => f.id).sort()).toEqual([a.id, b.id, sub.id].sort());
    expect((await drive.list(parent, { name: 'a.ndjson' })).map((f) => f.id)).toEqual([a.id]);
    expect((await drive.list(parent, { folders: true })).map((f) => f.id)).toEqual([sub.id]);
    expect((await drive.list(parent, { name: "it's" })).length).toBe(0);
  });

  it('list follows every page', async () => {
    const paged = new DriveTransport({ ...target.options, pageSize: 2 });
    for (let i = 0; i < 5; i++) await drive.createFile(`p${i}`, parent, '{}\n');
    expect((await paged.list(parent)).map((f) => f.name).sort()).toEqual([
      'p0',
      'p1',
      'p2',
      'p3',
      'p4',
    ]);
  });

  it('duplicate names are allowed and createdTime tells them apart', async () => {
    const first = await drive.createFolder('db', parent);
    const second = await drive.createFolder('db', parent);
    const found = await drive.list(parent, { name: 'db', folders: true });
    expect(found.map((f) => f.id).sort()).toEqual([first.id, second.id].sort());
    expect(Date.parse(first.createdTime)).toBeLessThanOrEqual(Date.parse(second.createdTime));
  });

  it('replaceIfMatch is a compare-and-swap on the ETag', async () => {
    const file = await drive.createFile('_meta.json', parent, '{"v":0}', 'application/json');
    const e0 = await drive.etag(file.id);
    const e1 = await drive.replaceIfMatch(file.id, '{"v":1}', e0);
    expect(typeof e1).toBe('string');
    expect(e1).not.toBe(e0);
    expect(await drive.etag(file.id)).toBe(e1);
    // A writer still holding e0 is refused, and the content stays the winner's.
    expect(await drive.replaceIfMatch(file.id, '{"v":"stale"}', e0)).toBeUndefined();
    expect(JSON.parse(await drive.download(file.id, (t) => t))).toEqual({ v: 1 });
    const e2 = await drive.replaceIfMatch(file.id, '{"v":2}', e1 as string);
    expect(e2).not.toBe(e1);
    expect(JSON.parse(await drive.download(file.id, (t) => t))).toEqual({ v: 2 });
  });

  it('of two writers holding the same ETag exactly one wins', async () => {
    const file = await drive.createFile('_meta.json', parent, '{"v":0}', 'application/json');
    const e0 = await drive.etag(file.id);
    const results = await Promise.all(
      [1, 2, 3, 4].map((v) => drive.replaceIfMatch(file.id, `{"v":${v}}`, e0)),
    );
    expect(results.filter((r) => r !== undefined)).toHaveLength(1);
  });

  it('remove deletes for good, and removing again is fine', async () => {
    const file = await drive.createFile('x.ndjson', parent, '{}\n');
    await drive.remove(file.id);
    await drive.remove(file.id);
    expect((await drive.list(parent)).map((f) => f.id)).not.toContain(file.id);
    const err = await drive.download(file.id, (t) => t).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriveError);
    expect((err as DriveError).status).toBe(404);
  });
});
