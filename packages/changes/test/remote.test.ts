import type { AdapterChangesOptions } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HEARTBEAT,
  isTransient,
  longpollOptions,
  retryDelay,
  sleep,
} from '../src/longpoll.js';
import { serverFilter } from '../src/server-filter.js';

describe('server-side filters (remote adapters)', () => {
  it('sends design-doc filters (with the name shorthand) and query_params to the server', () => {
    const out: AdapterChangesOptions = {};
    expect(serverFilter({ filter: 'app', query_params: { t: 'x' } }, out)).toBeUndefined();
    expect(out).toEqual({ filter: 'app/app', query_params: { t: 'x' } });
  });

  it('sends _view with its normalised view, and _selector with its selector', () => {
    const view: AdapterChangesOptions = {};
    serverFilter({ filter: '_view', view: 'app/big' }, view);
    expect(view).toEqual({ filter: '_view', view: 'app/big' });
    const selector: AdapterChangesOptions = {};
    serverFilter({ selector: { n: 1 } }, selector);
    expect(selector).toEqual({ selector: { n: 1 } });
  });

  it('never sends a malformed filter name: it passes no change, client-side (PouchDB #4451)', () => {
    const out: AdapterChangesOptions = {};
    const filter = serverFilter({ filter: 'a/b/c' }, out);
    expect(out).toEqual({});
    expect(filter?.({ _id: 'x', _rev: '1-a' }, { query: undefined })).toBe(false);
  });

  it('keeps a filter function client-side and lets doc_ids win over string filters', () => {
    const fn = (doc: { n?: number }) => doc.n === 1;
    const out: AdapterChangesOptions = {};
    expect(serverFilter({ filter: fn }, out)).toBe(fn);
    expect(out).toEqual({});
    const ids: AdapterChangesOptions = { doc_ids: ['a'] };
    expect(serverFilter({ doc_ids: ['a'], filter: 'app/f' }, ids)).toBeUndefined();
    expect(ids).toEqual({ doc_ids: ['a'] });
  });
});

describe('long-poll options and retries', () => {
  const signal = new AbortController().signal;

  it('defaults the heartbeat to 10 s, as PouchDB; false turns it off; timeout passes', () => {
    expect(longpollOptions({}, signal)).toEqual({
      feed: 'longpoll',
      signal,
      heartbeat: DEFAULT_HEARTBEAT,
    });
    expect(longpollOptions({ heartbeat: false, timeout: 3000 }, signal)).toEqual({
      feed: 'longpoll',
      signal,
      timeout: 3000,
    });
    expect(longpollOptions({ heartbeat: true, timeout: false }, signal)).toMatchObject({
      heartbeat: true,
    });
  });

  it('retries network failures and 5xx, not 4xx or plain bugs', () => {
    expect(isTransient({ status: 500, name: 'unknown_error' })).toBe(true);
    expect(isTransient({ status: 503 })).toBe(true);
    expect(isTransient({ status: 401 })).toBe(false);
    expect(isTransient({ status: 404 })).toBe(false);
    expect(isTransient(new TypeError('x is undefined'))).toBe(false);
  });

  it('backs off from 100 ms, doubling, up to 10 s', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n))).toEqual([100, 200, 400, 800]);
    expect(retryDelay(30)).toBe(10_000);
  });

  it('a retry wait ends when the feed is cancelled (else this test would time out)', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort();
    await expect(waiting).resolves.toBeUndefined();
    await expect(sleep(60_000, controller.signal)).resolves.toBeUndefined();
  });
});
