import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createServer, localDatabases, type SatchelServer } from '@satchel/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, serveCommand } from '../src/index.js';

let dataDir: string;
let server: SatchelServer;
let url: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'satchel-cli-test-'));
  server = createServer({ adapter: 'memory' });
  url = await server.listen({ port: 0 });
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs the CLI in-process; returns the exit code and what it printed. */
async function run(args: string[], stdin = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  stdout.on('data', (c: Buffer) => chunks.out.push(c));
  stderr.on('data', (c: Buffer) => chunks.err.push(c));
  const input = new PassThrough();
  input.end(stdin);
  const code = await main([...args, '--data', dataDir], { stdin: input, stdout, stderr });
  return {
    code,
    out: Buffer.concat(chunks.out).toString(),
    err: Buffer.concat(chunks.err).toString(),
  };
}

async function seed(name: string, count: number): Promise<void> {
  const dbs = localDatabases(dataDir);
  await dbs.create(name);
  const db = await dbs.get(name);
  for (let start = 0; start < count; start += 1000) {
    const docs = Array.from({ length: Math.min(1000, count - start) }, (_, i) => ({
      _id: `doc-${String(start + i).padStart(5, '0')}`,
      n: start + i,
    }));
    await db.bulkDocs(docs);
  }
  await dbs.close();
}

describe('satchel CLI', () => {
  it('replicate shows progress on 10,000 docs and a summary matching the target', async () => {
    await seed('big', 10_000);
    const { code, err } = await run(['replicate', 'big', `${url}/big-copy`]);
    expect(code).toBe(0);
    const lines = err.trim().split('\n');
    const progress = lines.filter((l) => l.startsWith('['));
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toMatch(/10000\/10000 +\d+ docs\/s +pending 0 +errors 0/);
    expect(progress.some((l) => /pending [1-9]/.test(l))).toBe(true);
    const summary = lines.at(-1) ?? '';
    expect(summary).toMatch(/10000 docs written, 10000 read, 0 errors/);
    const info = (await (await fetch(`${url}/big-copy`)).json()) as { doc_count: number };
    expect(summary).toContain(`target has ${info.doc_count} docs`);
    expect(info.doc_count).toBe(10_000);
  });

  it('dump | load round-trips attachments, conflicts and deletions, and load resumes', async () => {
    const dbs = localDatabases(dataDir);
    await dbs.create('src');
    const db = await dbs.get('src');
    const a = await db.put({ _id: 'a', v: 1 });
    await db.putAttachment(
      'a',
      'file.bin',
      a.rev,
      Buffer.from([0, 1, 2, 250]),
      'application/octet-stream',
    );
    await db.bulkDocs(
      [
        {
          _id: 'a',
          _rev: '2-ffffffffffffffffffffffffffffffff',
          v: 'conflict',
          _revisions: { start: 2, ids: ['ffffffffffffffffffffffffffffffff', a.rev.slice(2)] },
        },
      ],
      { new_edits: false },
    );
    const gone = await db.put({ _id: 'gone' });
    await db.remove('gone', gone.rev);
    await dbs.close();

    const dumped = await run(['dump', 'src']);
    expect(dumped.code).toBe(0);
    const lines = dumped.out.trim().split('\n');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ satchel_dump: 1, db_name: 'src' });
    expect(lines).toHaveLength(4); // header, two leaves of a, the tombstone

    // A load interrupted after the header and one line resumes from its checkpoint.
    const partial = await run(['load', 'dst'], `${lines.slice(0, 2).join('\n')}\n`);
    expect(partial.err).toContain('loaded 1 revisions');
    const loaded = await run(['load', 'dst'], dumped.out);
    expect(loaded.err).toContain('loaded 2 revisions (1 already loaded, skipped)');

    const again = localDatabases(dataDir);
    const dst = await again.get('dst');
    const doc = (await dst.get('a', { conflicts: true })) as { _rev: string; _conflicts: string[] };
    const srcSide = await again.get('src');
    const orig = (await srcSide.get('a', { conflicts: true })) as typeof doc;
    expect(doc._rev).toBe(orig._rev);
    expect(doc._conflicts).toEqual(orig._conflicts);
    const withFile = [doc._rev, ...doc._conflicts].find((rev) => !rev.startsWith('2-fff'));
    const att = await dst.getAttachment('a', 'file.bin', { rev: withFile });
    expect([...att]).toEqual([0, 1, 2, 250]);
    await expect(dst.get('gone')).rejects.toMatchObject({ status: 404, reason: 'deleted' });
    expect((await dst.info()).doc_count).toBe((await srcSide.info()).doc_count);
    await again.close();
  });

  it('replicate --live follows new writes until stopped', async () => {
    await fetch(`${url}/live-src`, { method: 'PUT' });
    const stderr = new PassThrough();
    let text = '';
    stderr.on('data', (c: Buffer) => {
      text += c.toString();
    });
    const controller = new AbortController();
    const { replicateCommand } = await import('../src/index.js');
    const running = replicateCommand({
      source: `${url}/live-src`,
      target: 'live-dst',
      dataDir,
      live: true,
      out: stderr,
      signal: controller.signal,
    });
    await fetch(`${url}/live-src/later`, {
      method: 'PUT',
      body: '{}',
      headers: { 'Content-Type': 'application/json' },
    });
    for (let i = 0; i < 200 && !/ 1\/1 /.test(text); i += 1)
      await new Promise((r) => setTimeout(r, 25));
    controller.abort();
    const summary = await running;
    expect(summary.docs_written).toBe(1);
    expect(summary.target_doc_count).toBe(1);
  });

  it('put (creating the database), get, find, info; usage and bad JSON are errors', async () => {
    const put = await run(['put', 'small', '{"_id":"x","t":"hi"}']);
    expect(JSON.parse(put.out)).toMatchObject({ ok: true, id: 'x' });
    expect(JSON.parse((await run(['get', 'small', 'x'])).out)).toMatchObject({ _id: 'x', t: 'hi' });
    const found = JSON.parse((await run(['find', 'small', '{"t":{"$eq":"hi"}}'])).out);
    expect(found.docs.map((d: { _id: string }) => d._id)).toEqual(['x']);
    expect(JSON.parse((await run(['info', 'small'])).out)).toMatchObject({ doc_count: 1 });
    const ddoc = {
      _id: '_design/d',
      views: { byT: { map: 'function (doc) { if (doc.t) emit(doc.t); }' } },
    };
    expect((await run(['put', 'small', JSON.stringify(ddoc)])).code).toBe(0);
    const queried = JSON.parse((await run(['query', 'small', 'd/byT', '{"key":"hi"}'])).out);
    expect(queried.rows).toEqual([{ id: 'x', key: 'hi', value: null }]);
    expect(JSON.parse((await run(['compact', 'small'])).out)).toMatchObject({ ok: true });
    const bogus = await run(['bogus']);
    expect(bogus.code).toBe(2);
    expect(bogus.err).toMatch(/^satchel: unknown command "bogus"\n/);
    await expect(run(['put', 'small', '{not json'])).rejects.toThrow(/must be a JSON object/);
  });

  it('serve refuses a port or adapter it cannot use instead of starting on another', async () => {
    for (const port of ['abc', '99999', '-1', '80.5', '']) {
      await expect(run(['serve', `--port=${port}`])).rejects.toThrow(
        `--port must be a whole number from 0 to 65535, not "${port}"`,
      );
    }
    await expect(run(['serve', '--adapter', 'sqlite', '--port', '0'])).rejects.toThrow(
      '--adapter must be "leveldb" or "memory", not "sqlite"',
    );
  });

  it('serve takes the store from its config file unless a flag says otherwise', async () => {
    const config = join(dataDir, 'serve-config.json');
    writeFileSync(config, JSON.stringify({ adapter: 'memory' }));
    const started = async (extra: { adapter?: 'leveldb'; dataDir?: string }) => {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c: Buffer) => chunks.push(c));
      const stop = await serveCommand({ port: 0, host: '127.0.0.1', config, out, ...extra });
      await stop();
      return Buffer.concat(chunks).toString().split('\n')[0];
    };
    expect(await started({})).toMatch(
      /^Satchel server listening on http:\/\/127\.0\.0\.1:\d+ \(in memory\)$/,
    );
    const dir = join(dataDir, 'flag-dir');
    expect(await started({ adapter: 'leveldb', dataDir: dir })).toMatch(`(LevelDB in ${dir})`);
  });

  it('load names the line at fault, reads past a BOM and refuses empty or newer dumps', async () => {
    const header = JSON.stringify({ satchel_dump: 1, db_name: 'x', update_seq: 0, created: 'c' });
    const doc = (id: string) => JSON.stringify({ _id: id, _rev: '1-a' });
    await expect(run(['load', 'hostile'], '')).rejects.toThrow('the input is empty');
    await expect(run(['load', 'hostile'], '{"satchel_dump":2}\n')).rejects.toThrow(
      'unsupported satchel dump version 2',
    );
    await expect(run(['load', 'hostile'], `${header}\n${doc('a')}\nnot json\n`)).rejects.toThrow(
      /^line 3 is not JSON/,
    );
    await expect(run(['load', 'hostile'], `${header}\n${doc('a')}\nnull\n`)).rejects.toThrow(
      'line 3 is not a document (a JSON object)',
    );
    // Only failures come back from a `new_edits: false` write: the line is found by id.
    const local = JSON.stringify({ _id: '_local/x', _rev: '0-1' });
    await expect(
      run(['load', 'hostile'], `${header}\n${doc('a')}\n${local}\n${doc('b')}\n`),
    ).rejects.toThrow(/^load failed at line 3: /);
    const bom = await run(['load', 'bom'], `\uFEFF${header}\r\n${doc('a')}\r\n`);
    expect(bom.err).toContain('loaded 1 revisions');
  });

  it('dump into a pipe closed early (`| head -1`) fails with a message, not a crash', async () => {
    await seed('piped', 3000);
    const head = spawn('head', ['-n', '1'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let first = '';
    head.stdout.on('data', (c: Buffer) => {
      first += c.toString();
    });
    const exited = new Promise((resolve) => head.once('exit', resolve));
    const stderr = new PassThrough();
    const dumping = main(['dump', 'piped', '--data', dataDir], {
      stdin: new PassThrough(),
      stdout: head.stdin,
      stderr,
    });
    await expect(dumping).rejects.toThrow(/^dump cut short: the output failed/);
    await exited;
    expect(JSON.parse(first)).toMatchObject({ satchel_dump: 1, db_name: 'piped' });
    // The database was closed: it opens again.
    expect(JSON.parse((await run(['info', 'piped'])).out)).toMatchObject({ doc_count: 3000 });
  });
});
