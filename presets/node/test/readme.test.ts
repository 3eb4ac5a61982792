import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The JavaScript snippets of the root README and this preset's README, run as written with plain
 * Node against the built package: an `import` makes a snippet an ES module, anything else is
 * CommonJS (where a top-level `await` is a syntax error, so it fails here). A snippet preceded by
 * `<!-- readme-test: syntax only (why) -->` needs something the test does not have (a server, a
 * PouchDB directory); it is only parsed (`node --check`).
 */

const run = promisify(execFile);
const presetDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const readmes = [join(presetDir, '..', '..', 'README.md'), join(presetDir, 'README.md')];

interface Snippet {
  readme: string;
  line: number;
  code: string;
  syntaxOnly: boolean;
}

/** The ```js blocks of a README, with the marker that may precede each. */
function snippetsOf(readme: string, text: string): Snippet[] {
  const lines = text.split('\n');
  const found: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== '```js') continue;
    const end = lines.findIndex((line, j) => j > i && line.trim() === '```');
    found.push({
      readme,
      line: i + 1,
      code: lines.slice(i + 1, end).join('\n'),
      syntaxOnly: /<!-- readme-test: syntax only/.test(lines[i - 1] ?? ''),
    });
    i = end;
  }
  return found;
}

let scripts = '';
let data = '';
const snippets: Snippet[] = [];

beforeAll(async () => {
  for (const readme of readmes)
    snippets.push(...snippetsOf(readme, await readFile(readme, 'utf8')));
  // Inside the preset, so `@satchel/node` resolves to it (a package can import itself by name).
  scripts = await mkdtemp(join(presetDir, 'test', '.readme-'));
  data = await mkdtemp(join(tmpdir(), 'satchel-readme-'));
});
afterAll(async () => {
  await rm(scripts, { recursive: true, force: true });
  await rm(data, { recursive: true, force: true });
});

describe('README snippets', () => {
  it('finds the snippets, and runs most of them', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(5);
    expect(snippets.filter((s) => !s.syntaxOnly).length).toBeGreaterThanOrEqual(3);
  });

  it(
    'runs each with Node as written (CommonJS ones without top-level await)',
    async () => {
      const failures: string[] = [];
      for (const [i, snippet] of snippets.entries()) {
        const esm = /^import\s/m.test(snippet.code);
        const file = join(scripts, `snippet-${i}.${esm ? 'mjs' : 'cjs'}`);
        await writeFile(file, snippet.code);
        const cwd = await mkdtemp(join(data, 'run-'));
        const args = snippet.syntaxOnly ? ['--check', file] : [file];
        await run(process.execPath, args, { cwd, timeout: 60_000 }).catch((err: Error) => {
          failures.push(`${snippet.readme}:${snippet.line}: ${err.message}`);
        });
      }
      expect(failures).toEqual([]);
    },
    5 * 60_000,
  );
});
