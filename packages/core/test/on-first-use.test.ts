import { describe, expect, it } from 'vitest';
import { onFirstUse } from '../src/engine/index.js';

describe('onFirstUse', () => {
  it('loads once for calls made while it loads, then answers from what it loaded', async () => {
    let loads = 0;
    const code = onFirstUse(async () => {
      loads += 1;
      return { answer: 42 };
    });
    expect(code.loaded).toBeUndefined();
    const [a, b] = await Promise.all([code.load(), code.load()]);
    expect(loads).toBe(1);
    expect(a).toBe(b);
    expect(code.loaded).toBe(a);
    expect(await code.load()).toBe(a);
    expect(loads).toBe(1);
  });

  it('a failed load is reported to its callers and tried again by the next call', async () => {
    let loads = 0;
    const code = onFirstUse(async () => {
      loads += 1;
      if (loads === 1) throw new Error('chunk failed to load');
      return 'code';
    });
    await expect(code.load()).rejects.toThrow('chunk failed to load');
    expect(code.loaded).toBeUndefined();
    expect(await code.load()).toBe('code');
    expect(loads).toBe(2);
  });
});
