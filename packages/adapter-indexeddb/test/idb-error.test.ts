import { createError, Errors } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { IDB_ERROR, idbError } from '../src/idb-errors.js';

describe("the engine's IndexedDB errors", () => {
  it("use PouchDB's IDB_ERROR template, the same fields as core's catalogue", () => {
    expect(IDB_ERROR).toEqual(Errors.IDB_ERROR);
  });
  it('carry the browser error and a hint for a full quota', () => {
    const err = idbError({ name: 'QuotaExceededError', message: 'full' }, 'commit');
    const expected = createError(
      Errors.IDB_ERROR,
      'QuotaExceededError during commit: full (storage quota exceeded; nothing of this write was stored)',
    );
    expect({ ...err }).toEqual({ ...expected });
    expect(err.status).toBe(500);
  });
  it('leave out an empty browser message (Chromium gives none for a full quota)', () => {
    const err = idbError({ name: 'QuotaExceededError', message: '' }, 'commit');
    expect(err.reason).toBe(
      'QuotaExceededError during commit (storage quota exceeded; nothing of this write was stored)',
    );
  });
});
