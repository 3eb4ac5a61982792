import { openDb } from '../open-db.js';

/** Runs `use` on an opened database and prints its answer as JSON. */
async function withDb(
  name: string,
  dataDir: string,
  use: (db: Awaited<ReturnType<typeof openDb>>['db']) => Promise<unknown>,
  out: NodeJS.WritableStream,
  create = false,
): Promise<unknown> {
  const opened = await openDb(name, dataDir, create);
  try {
    const answer = await use(opened.db);
    out.write(`${JSON.stringify(answer, null, 2)}\n`);
    return answer;
  } finally {
    await opened.close();
  }
}

/** Parses a JSON argument, naming it in the error. */
export function jsonArg(what: string, text: string | undefined): Record<string, unknown> {
  if (text === undefined) throw new Error(`${what} is required`);
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch (err) {
    throw new Error(`${what} must be a JSON object: ${(err as Error).message}`);
  }
}

/** `info`, `get`, `put`, `find`, `query`, `compact`: one call, JSON out. */
export const simpleCommands = {
  info: (db: string, dataDir: string, out: NodeJS.WritableStream) =>
    withDb(db, dataDir, (d) => d.info(), out),
  get: (db: string, id: string, dataDir: string, out: NodeJS.WritableStream) =>
    withDb(db, dataDir, (d) => d.get(id), out),
  put: (db: string, doc: Record<string, unknown>, dataDir: string, out: NodeJS.WritableStream) =>
    withDb(db, dataDir, (d) => (doc._id === undefined ? d.post(doc) : d.put(doc)), out, true),
  find: (
    db: string,
    selector: Record<string, unknown>,
    dataDir: string,
    out: NodeJS.WritableStream,
  ) => withDb(db, dataDir, (d) => d.find('selector' in selector ? selector : { selector }), out),
  query: (
    db: string,
    view: string,
    opts: Record<string, unknown>,
    dataDir: string,
    out: NodeJS.WritableStream,
  ) => withDb(db, dataDir, (d) => d.query(view, opts), out),
  compact: (db: string, dataDir: string, out: NodeJS.WritableStream) =>
    withDb(db, dataDir, (d) => d.compact(), out),
};
