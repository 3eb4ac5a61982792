import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';

const run = promisify(execFile);

/** The `curl` lines of the repository README, in order. */
const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const CURLS = README.split('\n').filter((line) => line.startsWith('curl '));

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv.stop());

describe('the README curl examples', () => {
  it('run against the server and answer what the README implies', async () => {
    expect(CURLS.length).toBeGreaterThanOrEqual(5);
    const answers: unknown[] = [];
    for (const line of CURLS) {
      const command = line.replaceAll('http://127.0.0.1:5984', srv.url);
      const { stdout } = await run('sh', ['-c', command]);
      answers.push(JSON.parse(stdout));
    }
    expect(answers[0]).toEqual({ ok: true });
    expect(answers[1]).toMatchObject({ ok: true, id: 'todo:1' });
    expect(answers[2]).toMatchObject({
      total_rows: 1,
      rows: [{ id: 'todo:1', doc: { title: 'Buy milk' } }],
    });
    expect(answers[3]).toMatchObject({ docs: [{ _id: 'todo:1' }] });
    expect(answers[4]).toMatchObject({ results: [{ id: 'todo:1' }] });
    expect(answers[5]).toEqual({ ok: true });
  });
});
