import { describe, expect, it } from 'vitest';
import { Satchel, uniqueName } from './helpers.js';

const HOSTILE = `${'a'.repeat(40)}!`;

describe('find with a selector_time_limit (as @satchel/server opens databases)', () => {
  it('fails a $regex that backtracks past the limit with a 400, and answers others', async () => {
    // 1 s: a loaded machine takes tens of ms to arm the first watchdog; the trap takes hours.
    const db = new Satchel(uniqueName(), { adapter: 'memory', selector_time_limit: 1000 });
    await db.bulkDocs([
      { _id: 'a', s: 'aaa' },
      { _id: 'b', s: HOSTILE },
    ]);
    const err = await db.find({ selector: { s: { $regex: '^(a+)+$' } } }).catch((e) => e);
    expect(err).toMatchObject({ status: 400, name: 'bad_request' });
    expect(err.message).toMatch(/\$regex .* took over 1000 ms/);
    // A pattern that does not backtrack is matched as ever, and so is a selector without one.
    const plain = await db.find({ selector: { s: { $regex: '^a+$' } } });
    expect(plain.docs.map((d) => d._id)).toEqual(['a']);
    const eq = await db.find({ selector: { s: HOSTILE } });
    expect(eq.docs.map((d) => d._id)).toEqual(['b']);
    await db.destroy();
  });
});
