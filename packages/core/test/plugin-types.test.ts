import { describe, expect, it } from 'vitest';
import { Satchel, type SatchelConstructor } from '../src/index.js';

/**
 * Third-party plugins are typed against the published types. `SatchelConstructor` is the type
 * core documents for "plugins that receive" the constructor: such a plugin must be accepted by
 * `Satchel.plugin` (this file fails to type-check otherwise), and `plugin` returns the
 * constructor it was called on, typed as that one.
 */

/** A plugin as an outside package writes it: a function of the constructor. */
function stampPlugin(ctor: SatchelConstructor): void {
  ctor.plugin({ stamp: () => 'stamped' });
}

describe('Satchel.plugin types', () => {
  it('accepts a plugin typed with SatchelConstructor and returns the callable constructor', () => {
    // `defaults` returns a callable constructor, typed as the class.
    const Scoped = Satchel.defaults({ adapter: 'none' }) as SatchelConstructor;
    const returned: SatchelConstructor = Scoped.plugin(stampPlugin);
    expect(returned).toBe(Scoped);
    const proto = Scoped.prototype as unknown as { stamp?: () => string };
    expect(proto.stamp?.()).toBe('stamped');
    expect((Satchel.prototype as unknown as { stamp?: unknown }).stamp).toBeUndefined();
  });

  it('accepts it on a constructor typed as a subclass, as a CommonJS preset declares its own', () => {
    // @satchel/node's index.d.cts declares `class Satchel extends api.default {}` for `export =`.
    class PresetShaped extends Satchel {}
    const returned: typeof PresetShaped = PresetShaped.plugin(stampPlugin);
    expect(returned).toBe(PresetShaped);
    expect((PresetShaped.prototype as unknown as { stamp?: () => string }).stamp?.()).toBe(
      'stamped',
    );
  });
});
