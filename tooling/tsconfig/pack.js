// Plain JavaScript on purpose: scripts and tests run it before anything is compiled.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

/**
 * The command that runs pnpm: the one running this script when there is one (`npm_execpath`,
 * e.g. under `npx --yes pnpm@10`), else `pnpm` from PATH.
 * @returns {[string, string[]]}
 */
export function pnpmCommand() {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm\.c?js$/.test(execPath)) return [process.execPath, [execPath]];
  return ['pnpm', []];
}

/**
 * Packs the package in `dir` with pnpm, as `pnpm publish` would (its `publishConfig` applied,
 * `workspace:` versions replaced), into `destination`.
 * @param {string} dir
 * @param {string} destination
 * @returns {string} the tarball's path
 */
export function packPackage(dir, destination) {
  const [command, prefix] = pnpmCommand();
  const before = new Set(readdirSync(destination));
  execFileSync(command, [...prefix, 'pack', '--pack-destination', destination], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tarball = readdirSync(destination).find((f) => f.endsWith('.tgz') && !before.has(f));
  if (!tarball) throw new Error(`pnpm pack wrote no tarball for ${dir}`);
  return `${destination}/${tarball}`;
}
