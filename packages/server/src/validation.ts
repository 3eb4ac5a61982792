import { stringify } from '@satchel/core';
import type { FastifyRequest } from 'fastify';
import { CouchError } from './couch-error.js';
import type { RequestDb } from './request-db.js';
import { sandboxedValidator } from './sandbox.js';

type Validator = ReturnType<typeof sandboxedValidator>;
type Doc = Record<string, unknown>;

/** CouchDB skips `validate_doc_update` for local documents and for design documents (admin-only anyway). */
const validated = (id: unknown): boolean =>
  typeof id !== 'string' || !(id.startsWith('_design/') || id.startsWith('_local/'));

/**
 * Runs the databases' `validate_doc_update` functions (in the sandbox) on writes, as CouchDB
 * does on every write that comes over HTTP, replication included. Compiled functions are kept
 * per database until a design document of it is written.
 */
export class Validators {
  private readonly cache = new Map<string, Promise<Validator[]>>();

  constructor(private readonly timeoutMs: number) {}

  /** Forgets the compiled functions of `db` (or of every database). */
  invalidate(db?: string): void {
    if (db === undefined) this.cache.clear();
    else this.cache.delete(db);
  }

  /** Invalidates `db` when `ids` touch a design document. */
  noteWrites(db: string, ids: unknown[]): void {
    if (ids.some((id) => typeof id === 'string' && id.startsWith('_design/'))) this.invalidate(db);
  }

  /**
   * Runs `write` of documents `ids` to `db`, then (once it has settled) {@link noteWrites}.
   * Not before: the write's own check, or any other between, would cache the functions it
   * replaces, and a new `validate_doc_update` would go unenforced.
   */
  async writing<T>(db: string, ids: unknown[], write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      this.noteWrites(db, ids);
    }
  }

  private validators(target: RequestDb): Promise<Validator[]> {
    let found = this.cache.get(target.name);
    if (!found) {
      found = (async () => {
        const all = (await target.db.allDocs({
          startkey: '_design/',
          endkey: '_design0',
          include_docs: true,
        })) as {
          rows: { doc?: { validate_doc_update?: unknown } }[];
        };
        return all.rows
          .map((row) => row.doc?.validate_doc_update)
          .filter((source): source is string => typeof source === 'string')
          .map((source) => sandboxedValidator(source, this.timeoutMs));
      })();
      found.catch(() => this.cache.delete(target.name));
      this.cache.set(target.name, found);
    }
    return found;
  }

  /**
   * Checks `docs` (the documents as they would be written); answers, per document, the error
   * that refuses it or `undefined`.
   */
  async check(
    req: FastifyRequest,
    target: RequestDb,
    docs: Doc[],
  ): Promise<(CouchError | undefined)[]> {
    const validators = await this.validators(target);
    if (validators.length === 0 || !docs.some((doc) => validated(doc._id)))
      return docs.map(() => undefined);
    const ids = docs
      .map((doc) => doc._id)
      .filter((id): id is string => typeof id === 'string' && validated(id));
    const current = (await target.db.allDocs({ keys: ids, include_docs: true })) as {
      rows: { key: string; doc?: Doc | null }[];
    };
    const old = new Map(current.rows.map((row) => [row.key, row.doc ?? null]));
    const userCtx = JSON.stringify({
      db: target.name,
      name: req.userCtx.name,
      roles: req.userCtx.roles,
    });
    const secObj = JSON.stringify(target.record.security ?? {});
    return docs.map((doc) => {
      if (!validated(doc._id)) return undefined;
      // Documents may nest past the native serialiser's stack (`stringify` takes over there).
      const args = [stringify(doc), stringify(old.get(doc._id as string) ?? null), userCtx, secObj];
      for (const validate of validators) {
        const refusal = validate(...args);
        if (!refusal) continue;
        if (refusal.forbidden !== undefined)
          return new CouchError(403, 'forbidden', String(refusal.forbidden));
        if (refusal.unauthorized !== undefined) {
          return new CouchError(401, 'unauthorized', String(refusal.unauthorized));
        }
        return new CouchError(500, 'render_error', String(refusal.error));
      }
      return undefined;
    });
  }

  /** {@link check} for one document; throws its refusal. */
  async checkOne(req: FastifyRequest, target: RequestDb, doc: Doc): Promise<void> {
    const [refusal] = await this.check(req, target, [doc]);
    if (refusal) throw refusal;
  }
}
