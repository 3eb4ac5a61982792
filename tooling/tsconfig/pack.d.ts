/** The command that runs pnpm: the running one (`npm_execpath`) when there is one, else `pnpm`. */
export function pnpmCommand(): [string, string[]];
/** Packs the package in `dir` as `pnpm publish` would, into `destination`; returns the tarball. */
export function packPackage(dir: string, destination: string): string;
/** The workspace's packages by name (packages/, presets/, tooling/ under `root`) → directory. */
export function workspacePackages(root: string): Map<string, string>;
/**
 * Packs `names` and the workspace packages they depend on at run time into `destination`;
 * returns each package's tarball by name.
 */
export function packWithDependencies(
  root: string,
  names: string[],
  destination: string,
): Record<string, string>;
