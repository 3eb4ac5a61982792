import type { Options } from 'tsup';

/** The shared tsup config (see tsup.js). */
export function satchelTsup(overrides?: Options): Options;

/** For `esbuildOptions`: ESM builds split chunks at dynamic `import()`s (see tsup.js). */
export const splitEsmChunks: NonNullable<Options['esbuildOptions']>;
