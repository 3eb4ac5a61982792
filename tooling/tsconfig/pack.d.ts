/** The command that runs pnpm: the running one (`npm_execpath`) when there is one, else `pnpm`. */
export function pnpmCommand(): [string, string[]];
/** Packs the package in `dir` as `pnpm publish` would, into `destination`; returns the tarball. */
export function packPackage(dir: string, destination: string): string;
