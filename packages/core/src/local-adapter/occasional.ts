import { occasional as o } from '../occasional.js';

/**
 * The code of `occasional-ops.ts`, loaded the first time a call needs it: use
 * `occasional.loaded ?? (await occasional.load())`, so that once loaded a call goes on at once.
 * A file statically imported by up-front code stays in what a page loads first, so the files
 * there must be reached only through this `import()`.
 */
export const occasional = o;
