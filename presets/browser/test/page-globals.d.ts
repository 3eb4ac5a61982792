import type { SatchelConstructor } from '@satchel/core';

declare global {
  /** The preset, as the test pages load it. */
  var Satchel: SatchelConstructor & {
    replicate: (...args: unknown[]) => PromiseLike<unknown>;
    sync: (...args: unknown[]) => PromiseLike<unknown>;
  };
  /** Scratch state a test keeps in a page between `evaluate` calls. */
  var scratch: Record<string, unknown>;
}
