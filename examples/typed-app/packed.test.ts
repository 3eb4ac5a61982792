import { execFile } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { packWithDependencies } from '@satchel/tsconfig/pack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * examples/typed-app as an outside project gets it: @satchel/node and the workspace packages it
 * depends on are packed to tarballs and installed with npm into a folder outside the repository,
 * then the app is type-checked with `tsc --strict` (nodenext ESM and CommonJS, bundler
 * resolution) and the compiled ESM and CommonJS builds run on LevelDB.
 */

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '../..');
const minutes = (n: number): number => n * 60_000;
const esmImport = "import Satchel from '@satchel/node';";
const cjsImport = "import Satchel = require('@satchel/node');";

let work = '';
let project = '';

/** A CommonJS twin of an ESM source: the same code, with the preset imported the CommonJS way. */
function commonJsTwin(file: string): void {
  const text = readFileSync(join(project, 'src', `${file}.mts`), 'utf8');
  if (!text.includes(esmImport)) throw new Error(`${file}.mts does not import the preset`);
  writeFileSync(join(project, 'src', `${file}.cts`), text.replace(esmImport, cjsImport));
}

/** Runs the project's TypeScript compiler; resolves with its output, whether it failed or not. */
async function tsc(config: string): Promise<{ failed: boolean; output: string }> {
  const compiler = join(project, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    const { stdout } = await run(process.execPath, [compiler, '-p', config], {
      cwd: project,
      timeout: minutes(4),
    });
    return { failed: false, output: stdout };
  } catch (err) {
    const { stdout = '', stderr = '' } = err as { stdout?: string; stderr?: string };
    return { failed: true, output: `${stdout}${stderr}` };
  }
}

/** Runs a compiled file with Node in the project; returns the JSON line it prints. */
async function runNode(file: string, ...args: string[]): Promise<unknown> {
  const { stdout } = await run(process.execPath, [join(project, 'out', file), ...args], {
    cwd: project,
    timeout: minutes(2),
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'satchel-typed-app-'));
  project = join(work, 'project');
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  const packed = packWithDependencies(root, ['@satchel/node'], tarballs);
  const manifest = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
  // Every tarball is a direct dependency, so npm takes the packages' own @satchel/* dependencies
  // from them rather than from the registry.
  manifest.dependencies = Object.fromEntries(
    Object.entries(packed).map(([name, tarball]) => [name, `file:${tarball}`]),
  );
  for (const entry of ['src', 'tsconfig.json', 'tsconfig.bundler.json', 'tsconfig.misuse.json']) {
    cpSync(join(here, entry), join(project, entry), { recursive: true });
  }
  writeFileSync(join(project, 'package.json'), JSON.stringify(manifest, null, 2));
  commonJsTwin('app');
  commonJsTwin('misuse');
  cpSync(join(project, 'src', 'app.mts'), join(project, 'src', 'app.ts'));
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: project,
    timeout: minutes(6),
  });
}, minutes(8));

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('a typed TypeScript app against the packed packages', () => {
  it('installs every @satchel package from its tarball: dist only, no src, no dev condition', () => {
    const installed = readdirSync(join(project, 'node_modules', '@satchel'));
    expect(installed).toContain('node');
    expect(installed).toContain('core');
    for (const name of installed) {
      const dir = join(project, 'node_modules', '@satchel', name);
      const files = readdirSync(dir);
      expect(files, name).not.toContain('src');
      expect(files, name).toContain('LICENSE');
      expect(readFileSync(join(dir, 'package.json'), 'utf8'), name).not.toContain('satchel-source');
    }
  });

  it('names no bundler-made identifier (Satchel$1) in any published declaration file', () => {
    const leaks: string[] = [];
    for (const name of readdirSync(join(project, 'node_modules', '@satchel'))) {
      const dist = join(project, 'node_modules', '@satchel', name, 'dist');
      for (const file of readdirSync(dist).filter((f) => /\.d\.c?ts$/.test(f))) {
        const found = readFileSync(join(dist, file), 'utf8').match(/\b[A-Za-z_]\w*\$\d+\b/g);
        if (found) leaks.push(`${name}/dist/${file}: ${[...new Set(found)].join(', ')}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it(
    'type-checks under tsc --strict with nodenext resolution, ESM (.mts) and CommonJS (.cts)',
    async () => {
      // No skipLibCheck: the published declaration files themselves must be error-free.
      const { failed, output } = await tsc('tsconfig.json');
      expect(output).toBe('');
      expect(failed).toBe(false);
    },
    minutes(5),
  );

  it(
    'type-checks under tsc --strict with bundler resolution',
    async () => {
      const { failed, output } = await tsc('tsconfig.bundler.json');
      expect(output).toBe('');
      expect(failed).toBe(false);
    },
    minutes(5),
  );

  it(
    "reports a misuse against the user's own names (Satchel<Todo>), in ESM and CommonJS",
    async () => {
      const { failed, output } = await tsc('tsconfig.misuse.json');
      expect(failed).toBe(true);
      const messages = output.split('\n').filter((line) => line.includes('error TS'));
      expect(messages).toHaveLength(2);
      for (const message of messages) {
        expect(message).toContain("Property 'nope' does not exist on type 'Satchel<Todo>'");
      }
    },
    minutes(5),
  );

  const expected = {
    title: 'buy milk',
    listed: ['buy milk', 'write tests', 'ship it', 'rest'],
    found: ['a:buy milk:2', 'c:ship it:3'],
    queried: ['write tests'],
    changed: ['buy milk', 'write tests', 'ship it', 'rest'],
    // The four to-dos and the design document createIndex wrote.
    replicated: 5,
    synced: ['a', 'b', 'c', 'd', 'f'],
  };

  it(
    'runs the compiled ESM app on LevelDB: find, query, changes, replicate and sync',
    async () => {
      // LevelDB creates a database's directory, not its parents (as in PouchDB).
      mkdirSync(join(work, 'esm-data'));
      expect(await runNode('app.mjs', join(work, 'esm-data'))).toEqual(expected);
      expect(readdirSync(join(work, 'esm-data'))).toEqual(
        expect.arrayContaining(['todos', 'copy']),
      );
    },
    minutes(3),
  );

  it(
    'runs the compiled CommonJS app on LevelDB with the same results',
    async () => {
      mkdirSync(join(work, 'cjs-data'));
      expect(await runNode('app.cjs', join(work, 'cjs-data'))).toEqual(expected);
    },
    minutes(3),
  );

  it(
    "installs plugins PouchDB's way from CommonJS: Satchel.plugin(require('@satchel/mango'))",
    async () => {
      expect(await runNode('plugin-idiom.cjs')).toEqual({
        before: 'undefined',
        adapter: 'memory',
        kinds: ['fruit', 'fruit'],
      });
    },
    minutes(3),
  );

  it(
    'has one plugin registry: a plugin registered through require() is seen through import',
    async () => {
      expect(await runNode('registry.mjs')).toEqual({ same: true, shout: 'REGISTRY' });
    },
    minutes(3),
  );
});
