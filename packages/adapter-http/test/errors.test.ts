import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CouchServer,
  dbUrl,
  PouchDB,
  S,
  startCouchServer,
  useCouchServer,
} from './setup-server.js';

/** The fields PouchDB users compare. */
function shape(err: unknown): Record<string, unknown> {
  const e = err as Record<string, unknown>;
  return { status: e.status, name: e.name, message: e.message, reason: e.reason, error: e.error };
}

/** The rejection of `promise`. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
}

describe('http adapter: errors', () => {
  let server: CouchServer;
  beforeAll(async () => {
    server = await useCouchServer();
  });
  afterAll(() => server.stop());

  it('gives the same 404 as pouchdb@9 for a missing document', async () => {
    const url = dbUrl(server);
    const ours = await failure(new S(url).get('nope'));
    const theirs = await failure(new PouchDB(url).get('nope'));
    expect(shape(ours)).toEqual(shape(theirs));
    expect(shape(ours)).toMatchObject({ status: 404, name: 'not_found' });
  });

  it('gives the same 409 as pouchdb@9 for a conflict', async () => {
    const url = dbUrl(server);
    const db = new S(url);
    await db.put({ _id: 'c' });
    const ours = await failure(db.put({ _id: 'c' }));
    const theirs = await failure(new PouchDB(url).put({ _id: 'c' }));
    expect(shape(ours)).toEqual(shape(theirs));
    expect(shape(ours)).toMatchObject({ status: 409, name: 'conflict' });
    const rows = await db.bulkDocs([{ _id: 'c' }]);
    expect(rows[0]).toMatchObject({ id: 'c', status: 409, name: 'conflict', error: 'conflict' });
  });

  it('gives the same 404 as pouchdb@9 when removing a missing document', async () => {
    const url = dbUrl(server);
    const ours = await failure(new S(url).remove('gone', '1-abc'));
    const theirs = await failure(new PouchDB(url).remove('gone', '1-abc'));
    expect(shape(ours)).toEqual(shape(theirs));
    expect(shape(ours)).toMatchObject({ status: 404, name: 'not_found' });
  });

  it('reports an unreachable server as unknown_error with the cause', async () => {
    const dead = await startCouchServer();
    const url = dbUrl(dead);
    await dead.stop();
    const err = (await failure(new S(url, { skip_setup: true }).info())) as Error;
    expect(shape(err)).toMatchObject({ status: 500, name: 'unknown_error' });
    expect(err.cause).toBeInstanceOf(Error);
  });

  it('options the client would misuse are badarg on every call, naming the option', async () => {
    const url = dbUrl(server);
    const cases: [Record<string, unknown>, string][] = [
      [{ fetch: 5 }, 'fetch must be a function'],
      [{ headers: 'x' }, 'headers must be an object'],
      [{ auth: 5 }, 'auth must be {username, password}, both strings'],
      [{ auth: { username: 'alice' } }, 'auth must be {username, password}, both strings'],
      [{ timeout: -1 }, 'timeout must be a number of milliseconds above 0'],
    ];
    for (const [opts, problem] of cases) {
      const db = new S(url, opts);
      for (const call of [() => db.info(), () => db.get('a'), () => db.put({ _id: 'a' })]) {
        const err = await failure(call());
        expect(shape(err), JSON.stringify(opts)).toMatchObject({ status: 500, name: 'badarg' });
        expect((err as { reason: string }).reason).toBe(`The http adapter's ${problem}`);
      }
    }
  });

  it('null options count as not given, and a timeout too long for a timer as none', async () => {
    const url = dbUrl(server);
    const unset = { auth: null, headers: null, fetch: null, timeout: null };
    await expect(new S(url, unset).info()).resolves.toMatchObject({ db_name: expect.any(String) });
    // A timer given Infinity (or 2^31 ms or more) fires at once: every request would time out.
    for (const timeout of [Number.POSITIVE_INFINITY, 2 ** 31]) {
      const db = new S(url, { timeout });
      await expect(db.put({ _id: `t${timeout}` })).resolves.toMatchObject({ ok: true });
    }
  });

  it('keeps a refusal that a custom fetch throws (status, name, message), as PouchDB', async () => {
    for (const name of ['unauthorized', 'Unauthorized']) {
      const thrown = { status: 401, name, message: 'You are not authorized to access this db.' };
      const fetch = (): Promise<Response> => {
        throw thrown;
      };
      const err = (await failure(new S(dbUrl(server), { fetch }).info())) as Error;
      expect(shape(err)).toMatchObject({ status: 401, name, message: thrown.message });
      expect(err.cause).toBe(thrown);
    }
    const broken = (): Promise<Response> => {
      throw new TypeError('fetch failed');
    };
    const err = await failure(new S(dbUrl(server), { fetch: broken, skip_setup: true }).info());
    expect(shape(err)).toMatchObject({ status: 500, name: 'unknown_error' });
  });

  it('reports a missing database with skip_setup as a 404', async () => {
    const err = await failure(new S(dbUrl(server), { skip_setup: true }).info());
    expect(shape(err)).toMatchObject({ status: 404, name: 'not_found' });
  });
});
