import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Bundles `test/fixtures/migrate-child.ts` (with the workspace's TypeScript sources) into ESM a
 * bare `node` runs. It lives under this package's `node_modules/.cache`, so `classic-level`
 * resolves from there.
 * @returns the bundle's path and a function that removes it.
 */
export async function buildChild(): Promise<{ path: string; remove: () => Promise<void> }> {
  const cache = join(packageDir, 'node_modules', '.cache', 'satchel-migrate-tests');
  await mkdir(cache, { recursive: true });
  const outDir = await mkdtemp(join(cache, 'child-'));
  await build({
    entry: { child: join(packageDir, 'test', 'fixtures', 'migrate-child.ts') },
    outDir,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    noExternal: [/^@satchel\//],
    external: ['classic-level', 'abstract-level'],
    dts: false,
    sourcemap: false,
    clean: false,
    silent: true,
    config: false,
    esbuildOptions(options) {
      options.conditions = ['satchel-source'];
    },
  });
  const [file] = (await readdir(outDir)).filter((f) => /^child\.m?js$/.test(f));
  if (!file) throw new Error(`tsup produced no child bundle in ${outDir}`);
  return { path: join(outDir, file), remove: () => rm(outDir, { recursive: true, force: true }) };
}

/** A running child and the JSON lines it printed. */
export interface Child {
  process: ChildProcess;
  lines: unknown[];
  stderr: () => string;
  /** Resolves with the first line satisfying `test`; rejects if the child exits first. */
  waitFor(test: (line: unknown) => boolean): Promise<unknown>;
  exited: Promise<number | null>;
}

/** Starts the bundle with `args`; complete stdout lines are parsed as JSON. */
export function startChild(bundle: string, args: string[]): Child {
  const proc = spawn(process.execPath, [bundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: unknown[] = [];
  const waiters: { test: (line: unknown) => boolean; resolve: (line: unknown) => void }[] = [];
  let pending = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
      const line = JSON.parse(pending.slice(0, nl)) as unknown;
      pending = pending.slice(nl + 1);
      lines.push(line);
      for (const w of waiters.filter((x) => x.test(line))) w.resolve(line);
    }
  });
  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return {
    process: proc,
    lines,
    stderr: () => stderr,
    exited,
    waitFor: (test) =>
      new Promise((resolve, reject) => {
        const found = lines.find(test);
        if (found !== undefined) return resolve(found);
        waiters.push({ test, resolve });
        exited.then(() =>
          reject(new Error(`child exited before the line came; stderr: ${stderr}`)),
        );
      }),
  };
}
