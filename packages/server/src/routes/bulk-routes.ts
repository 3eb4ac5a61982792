import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import { badRequest } from '../couch-error.js';
import { jsonObject, optionalJsonObject } from '../json-body.js';
import { parseQuery, type RawQuery } from '../query-options.js';
import { checkDocWrite, type RequestDb, requestDb } from '../request-db.js';
import type { BulkRow } from '../server-db.js';
import { couchBulkRow } from '../write-result.js';

/** `_all_docs` options: the query string, plus `keys` from a POST body. */
function allDocsOptions(
  req: FastifyRequest,
  body: Record<string, unknown>,
): Record<string, unknown> {
  const opts = parseQuery(req.query as RawQuery);
  if (body.keys !== undefined) {
    if (!Array.isArray(body.keys)) throw badRequest('`keys` body member must be an array.');
    opts.keys = body.keys;
  }
  if (opts.keys !== undefined && !Array.isArray(opts.keys)) {
    throw badRequest('`keys` member must be an array.');
  }
  return opts;
}

/**
 * Writes `docs` after `validate_doc_update`: refused documents get their error row, the others
 * are written in one `bulkDocs`, and the rows come back in request order.
 */
async function writeValidated(
  req: FastifyRequest,
  ctx: ServerContext,
  target: RequestDb,
  docs: Record<string, unknown>[],
  newEdits: boolean,
): Promise<Record<string, unknown>[]> {
  const refusals = await ctx.validators.check(req, target, docs);
  const accepted = docs.filter((_, i) => !refusals[i]);
  const written =
    accepted.length > 0 ? await target.db.bulkDocs(accepted, { new_edits: newEdits }) : [];
  const refused = docs.flatMap((doc, i) => {
    const refusal = refusals[i];
    return refusal ? [{ id: doc._id, error: refusal.error, reason: refusal.reason }] : [];
  });
  // Without new edits only failures come back, unordered: nothing to line up.
  if (!newEdits) return [...refused, ...written.map(couchBulkRow)];
  let next = 0;
  return docs.map((doc, i) => {
    const refusal = refusals[i];
    if (refusal) return { id: doc._id, error: refusal.error, reason: refusal.reason };
    const row = written[next] as BulkRow | undefined;
    next += 1;
    return row ? couchBulkRow(row) : { id: doc._id, ok: true };
  });
}

/** `_bulk_docs`, `_bulk_get`, `_all_docs`, `_design_docs`, `_revs_diff`. */
export function bulkRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/:db/_bulk_docs', async (req, reply) => {
    const target = await requestDb(req, ctx);
    const body = jsonObject(req);
    if (!Array.isArray(body.docs)) throw badRequest("Missing JSON list of 'docs'");
    const docs = body.docs as unknown[];
    for (const doc of docs) {
      if (doc && typeof doc === 'object')
        checkDocWrite(req, target, (doc as { _id?: unknown })._id);
    }
    const newEdits = body.new_edits !== false;
    const ids = docs.map((doc) => (doc as { _id?: unknown } | null)?._id);
    const rows = await ctx.validators.writing(target.name, ids, () =>
      writeValidated(req, ctx, target, docs as Record<string, unknown>[], newEdits),
    );
    // With new_edits=false CouchDB lists only the documents it could not store.
    const listed = newEdits ? rows : rows.filter((row) => row.error !== undefined);
    return reply.code(201).send(listed);
  });

  app.post('/:db/_bulk_get', async (req) => {
    const { db } = await requestDb(req, ctx);
    const body = jsonObject(req);
    if (!Array.isArray(body.docs)) throw badRequest('Missing JSON list of `docs`.');
    const q = parseQuery(req.query as RawQuery);
    return db.bulkGet({
      docs: body.docs,
      revs: q.revs === true,
      attachments: q.attachments === true,
      latest: q.latest === true,
    });
  });

  app.get('/:db/_all_docs', async (req) => {
    const { db } = await requestDb(req, ctx);
    return db.allDocs(allDocsOptions(req, {}));
  });

  app.post('/:db/_all_docs', async (req) => {
    const { db } = await requestDb(req, ctx);
    return db.allDocs(allDocsOptions(req, optionalJsonObject(req)));
  });

  app.get('/:db/_design_docs', async (req) => {
    const { db } = await requestDb(req, ctx);
    return db.allDocs({ ...allDocsOptions(req, {}), startkey: '_design/', endkey: '_design0' });
  });

  app.post('/:db/_revs_diff', async (req) => {
    const { db } = await requestDb(req, ctx);
    return db.revsDiff(jsonObject(req));
  });
}
