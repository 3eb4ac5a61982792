/** leveldown 6 ships no types; the tests use it as PouchDB's `db` option takes it. */
declare module 'leveldown' {
  import type { DownConstructor } from '../../src/down-level.js';

  const leveldown: DownConstructor;
  export default leveldown;
}
