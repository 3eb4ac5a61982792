import { describe, expect, it } from 'vitest';
import { EventEmitter } from '../src/satchel/event-emitter.js';

describe("the emitter's listener arguments (as Node's EventEmitter)", () => {
  it("refuses a listener that is not a function, with Node's error", () => {
    const emitter = new EventEmitter();
    const cases: [unknown, string][] = [
      [undefined, 'Received undefined'],
      [null, 'Received null'],
      [5, 'Received type number'],
      ['notfn', 'Received type string'],
      [{}, 'Received type object'],
    ];
    const adders = ['on', 'addListener', 'once', 'prependListener'] as const;
    for (const add of adders) {
      for (const [value, received] of cases) {
        expect(() => emitter[add]('x', value as () => void)).toThrow(
          expect.objectContaining({
            name: 'TypeError',
            code: 'ERR_INVALID_ARG_TYPE',
            message: `The "listener" argument must be of type function. ${received}`,
          }),
        );
      }
    }
    // Nothing was registered, so emitting still works.
    expect(emitter.listenerCount('x')).toBe(0);
    expect(emitter.emit('x')).toBe(false);
  });
});
