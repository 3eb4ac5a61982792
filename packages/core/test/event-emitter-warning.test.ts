import { describe, expect, it, vi } from 'vitest';
import { EventEmitter } from '../src/satchel/event-emitter.js';

describe("an emitter past its listener limit (the warning's code loads on first use)", () => {
  it('warns once, as Node does, naming the event and the count', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const emitter = new EventEmitter();
    for (let i = 0; i < 10; i++) emitter.on('change', () => undefined);
    emitter.setMaxListeners(10);
    emitter.on('change', () => undefined);
    for (let i = 0; i < 5; i++) emitter.on('change', () => undefined);
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(1), { timeout: 30_000 });
    expect(warn).toHaveBeenCalledWith(
      'Possible EventEmitter memory leak detected. 11 change listeners added. Use emitter.setMaxListeners() to increase limit',
    );
    // Under the limit, or with no limit, nothing more is said.
    const quiet = new EventEmitter().setMaxListeners(0);
    for (let i = 0; i < 20; i++) quiet.on('x', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});
