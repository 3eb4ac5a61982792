import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { packPackage } from '@satchel/tsconfig/pack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '../..');
/** The packages the example installs from tarballs, as an outside author gets them. */
const packed = {
  '@satchel/core': 'packages/core',
  '@satchel/changes': 'packages/changes',
  '@satchel/selector': 'packages/selector',
  '@satchel/adapter-suite': 'tooling/adapter-suite',
};
const minutes = (n: number): number => n * 60_000;

/** What vitest's JSON reporter writes, the parts read here. */
interface JsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: {
    name: string;
    status: string;
    assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
  }[];
}

let work = '';
let project = '';

/** Copies the example into a folder outside the repository and installs it from tarballs. */
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'satchel-third-party-engine-'));
  project = join(work, 'project');
  const manifest = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
  for (const [name, dir] of Object.entries(packed)) {
    if (!existsSync(join(root, dir, 'dist'))) throw new Error(`${name} is not built (${dir}/dist)`);
    const tarball = packPackage(join(root, dir), work);
    const field = name === '@satchel/core' ? 'dependencies' : 'devDependencies';
    manifest[field][name] = `file:${tarball}`;
  }
  const entries = ['src', 'test', 'node-test', 'tsconfig.json', 'tsconfig.build.json'];
  for (const entry of [...entries, 'vitest.config.ts']) {
    cpSync(join(here, entry), join(project, entry), { recursive: true });
  }
  writeFileSync(join(project, 'package.json'), JSON.stringify(manifest, null, 2));
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: project,
    timeout: minutes(5),
  });
}, minutes(6));

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('examples/third-party-engine from packed tarballs', () => {
  it('installs @satchel/core and @satchel/adapter-suite from the tarballs, not the workspace', () => {
    for (const name of Object.keys(packed)) {
      const installed = join(project, 'node_modules', name, 'package.json');
      const manifest = JSON.parse(readFileSync(installed, 'utf8'));
      expect(manifest.private).toBeUndefined();
      expect(existsSync(join(project, 'node_modules', name, 'dist'))).toBe(true);
      expect(existsSync(join(project, 'node_modules', name, 'src'))).toBe(false);
    }
  });

  it(
    'type-checks against the published types alone',
    async () => {
      await run('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: project, timeout: minutes(3) });
    },
    minutes(4),
  );

  it(
    'passes the engine suite under node:test too, compiled, through runEngineCheck',
    async () => {
      const { stdout } = await run('npm', ['run', '--silent', 'test:node'], {
        cwd: project,
        timeout: minutes(4),
      });
      expect(stdout).toMatch(/^# fail 0$/m);
      const passed = Number(/^# pass (\d+)$/m.exec(stdout)?.[1]);
      expect(passed).toBeGreaterThanOrEqual(15);
    },
    minutes(5),
  );

  it(
    'passes the engine suite and the API-level adapter suite',
    async () => {
      const out = join(work, 'report.json');
      const vitest = join(project, 'node_modules', 'vitest', 'vitest.mjs');
      await run(process.execPath, [vitest, 'run', '--reporter=json', `--outputFile=${out}`], {
        cwd: project,
        timeout: minutes(8),
      }).catch((err: Error) => err);
      const report = JSON.parse(readFileSync(out, 'utf8')) as JsonReport;
      const failed = report.testResults.flatMap((f) =>
        f.assertionResults
          .filter((t) => t.status === 'failed')
          .map((t) => `${t.fullName}: ${t.failureMessages[0]?.split('\n')[0]}`),
      );
      expect(failed).toEqual([]);
      const byFile = new Map(
        report.testResults.map((f) => [
          f.name.slice(project.length + 1),
          f.assertionResults.filter((t) => t.status === 'passed').length,
        ]),
      );
      console.log(
        `third-party engine: ${report.numPassedTests} passed, ${report.numPendingTests} skipped`,
        Object.fromEntries(byFile),
      );
      // Both suites ran in full: every adapter-suite test passed (the engine offers everything
      // it asks for), and the engine suite skipped only what the manifest says it lacks.
      expect(byFile.get('test/engine-suite.test.ts')).toBeGreaterThanOrEqual(15);
      expect(byFile.get('test/adapter-suite.test.ts')).toBeGreaterThanOrEqual(200);
      const skipped = report.testResults.flatMap((f) =>
        f.assertionResults.filter((t) => t.status !== 'passed').map((t) => t.fullName),
      );
      expect(skipped).toEqual([
        expect.stringMatching(/^engine suite: snapshot engine .*with freshReads/),
        expect.stringMatching(/^engine suite: snapshot engine .*with freshBodies/),
      ]);
    },
    minutes(9),
  );
});
