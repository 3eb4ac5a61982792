import { onFirstUse } from './on-first-use.js';

/** TEMP experiment */
export const occasional = onFirstUse(() => import('./occasional-code.js'));
