import type { Options } from 'tsup';

/** The shared tsup config (see tsup.js). */
export function satchelTsup(overrides?: Options): Options;
