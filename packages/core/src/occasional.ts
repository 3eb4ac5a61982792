import { onFirstUse } from './on-first-use.js';

/**
 * The code of `occasional-code.ts`, loaded the first time a call needs it. Callers use
 * `occasional.loaded ?? (await occasional.load())`, so that once it is loaded a call goes on
 * at once. Bundlers keep in what a page loads first every file that up-front code imports,
 * even through a re-export (a barrel `index.ts`), so the files of that module must be reached
 * only through this `import()`: import what up-front code needs from its own file.
 */
export const occasional = onFirstUse(() => import('./occasional-code.js'));

/** The code loaded on first use, as its callers see it once loaded. */
export type OccasionalCode = typeof import('./occasional-code.js');
