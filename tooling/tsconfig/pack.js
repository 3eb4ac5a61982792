// Plain JavaScript on purpose: scripts and tests run it before anything is compiled.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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

/**
 * The workspace's packages by name, from the package.json files of packages/, presets/ and
 * tooling/ under `root`.
 * @param {string} root
 * @returns {Map<string, string>} name → directory
 */
export function workspacePackages(root) {
  const found = new Map();
  for (const group of ['packages', 'presets', 'tooling']) {
    for (const entry of readdirSync(join(root, group), { withFileTypes: true })) {
      const manifest = join(root, group, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(manifest)) continue;
      found.set(JSON.parse(readFileSync(manifest, 'utf8')).name, join(root, group, entry.name));
    }
  }
  return found;
}

/**
 * Packs the workspace packages `names` and every workspace package they depend on at run time
 * (`dependencies`), so an outside npm project installs them all from tarballs, none from a
 * registry.
 * @param {string} root the monorepo's root
 * @param {string[]} names
 * @param {string} destination
 * @returns {Record<string, string>} name → tarball path
 */
export function packWithDependencies(root, names, destination) {
  const workspace = workspacePackages(root);
  const tarballs = {};
  const pending = [...names];
  while (pending.length) {
    const name = pending.pop();
    if (tarballs[name]) continue;
    const dir = workspace.get(name);
    if (!dir) throw new Error(`${name} is not a workspace package`);
    if (!existsSync(join(dir, 'dist'))) throw new Error(`${name} is not built (${dir}/dist)`);
    tarballs[name] = packPackage(dir, destination);
    const { dependencies = {} } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const [dep, range] of Object.entries(dependencies)) {
      if (String(range).startsWith('workspace:')) pending.push(dep);
    }
  }
  return tarballs;
}
