import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { applyAttsSince } from '../atts-since.js';
import type { ServerContext } from '../context.js';
import { badRequest, CouchError } from '../couch-error.js';
import { jsonObject } from '../json-body.js';
import { openRevsMultipart, parseMultipartRelated, toMultipartRelated } from '../multipart.js';
import { parseQuery, type RawQuery } from '../query-options.js';
import { checkDocWrite, requestDb } from '../request-db.js';
import { type IdOf, revOf } from '../rev-of.js';
import { couchWriteResult } from '../write-result.js';
import { attachmentRoutes } from './attachment-routes.js';

/** Options `get` takes from the query string. */
const GET_OPTIONS = [
  'rev',
  'revs',
  'revs_info',
  'open_revs',
  'latest',
  'conflicts',
  'deleted_conflicts',
  'local_seq',
  'attachments',
];

type Doc = Record<string, unknown> & { _revisions?: { start: number; ids: string[] } };

async function getDoc(req: FastifyRequest, ctx: ServerContext, reply: FastifyReply, id: string) {
  const { db } = await requestDb(req, ctx);
  const q = parseQuery(req.query as RawQuery);
  const opts: Record<string, unknown> = {};
  for (const name of GET_OPTIONS) if (q[name] !== undefined) opts[name] = q[name];
  const since = Array.isArray(q.atts_since) ? (q.atts_since as string[]) : undefined;
  if (since) Object.assign(opts, { attachments: true, revs: true });
  const doc = (await db.get(id, opts)) as Doc | { ok?: Doc; missing?: string }[];
  const accept = String(req.headers.accept ?? '');
  const wantsJson = accept.includes('application/json');
  if (Array.isArray(doc)) {
    if (since) for (const row of doc) if (row.ok) applyAttsSince(row.ok, since, q.revs === true);
    if (accept.includes('multipart/mixed') && !wantsJson) {
      const multipart = openRevsMultipart(doc);
      return reply.type(multipart.type).send(multipart.body);
    }
    return doc;
  }
  if (since) applyAttsSince(doc, since, q.revs === true);
  // CouchDB keeps no attachments on local documents and shows none.
  if (id.startsWith('_local/')) delete doc._attachments;
  if (typeof doc._rev === 'string') reply.header('ETag', `"${doc._rev}"`);
  if (opts.attachments === true && accept.includes('multipart/related') && !wantsJson) {
    const multipart = toMultipartRelated(doc);
    return reply.type(multipart.type).send(multipart.body);
  }
  return doc;
}

async function putDoc(req: FastifyRequest, ctx: ServerContext, reply: FastifyReply, id: string) {
  const target = await requestDb(req, ctx);
  checkDocWrite(req, target, id);
  const q = parseQuery(req.query as RawQuery);
  const type = String(req.headers['content-type'] ?? '');
  const body = type.startsWith('multipart/related')
    ? parseMultipartRelated(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), type)
    : jsonObject(req);
  const doc: Record<string, unknown> = { ...body, _id: id };
  const rev = revOf(req, q);
  if (rev && doc._rev === undefined) doc._rev = rev;
  await ctx.validators.checkOne(req, target, doc);
  const write = <T>(run: () => Promise<T>) => ctx.validators.writing(target.name, [id], run);
  if (q.new_edits === false) {
    const [row] = await write(() => target.db.bulkDocs([doc], { new_edits: false }));
    if (row && (row.error !== undefined || (row.status ?? 0) >= 400)) throw row;
    return reply.code(201).send({ ok: true, id, rev: doc._rev });
  }
  const result = await write(() => target.db.put(doc));
  reply.header('ETag', `"${result.rev}"`);
  return reply.code(q.batch === 'ok' ? 202 : 201).send(couchWriteResult(result));
}

async function deleteDoc(req: FastifyRequest, ctx: ServerContext, id: string) {
  const target = await requestDb(req, ctx);
  checkDocWrite(req, target, id);
  const rev = revOf(req, parseQuery(req.query as RawQuery));
  if (!rev && !id.startsWith('_local/')) {
    throw new CouchError(409, 'conflict', 'Document update conflict.');
  }
  await ctx.validators.checkOne(req, target, { _id: id, _rev: rev, _deleted: true });
  const removed = ctx.validators.writing(target.name, [id], () =>
    target.db.remove(id, rev as string),
  );
  return couchWriteResult(await removed);
}

/** `COPY`: the `Destination` header names the new id, with `?rev=` to overwrite a revision. */
async function copyDoc(req: FastifyRequest, ctx: ServerContext, reply: FastifyReply, id: string) {
  const target = await requestDb(req, ctx);
  const destination = req.headers.destination;
  if (typeof destination !== 'string' || !destination) {
    throw badRequest('Destination header is mandatory for COPY.');
  }
  const [rawId = '', query = ''] = destination.split('?');
  const newId = decodeURIComponent(rawId);
  checkDocWrite(req, target, newId);
  const q = parseQuery(req.query as RawQuery);
  const source = (await target.db.get(id, {
    ...(typeof q.rev === 'string' ? { rev: q.rev } : {}),
    attachments: true,
  })) as Doc;
  const destRev = new URLSearchParams(query).get('rev') ?? undefined;
  const copy: Doc = { ...source, _id: newId };
  delete copy._rev;
  if (destRev) copy._rev = destRev;
  await ctx.validators.checkOne(req, target, copy);
  const result = await ctx.validators.writing(target.name, [newId], () => target.db.put(copy));
  return reply.code(201).send(couchWriteResult(result));
}

/** GET/HEAD/PUT/DELETE/COPY of one document at `path` (plain, `_design/` or `_local/`). */
function docRoutesAt(app: FastifyInstance, ctx: ServerContext, path: string, idOf: IdOf): void {
  const id = (req: FastifyRequest): string => idOf(req.params as Record<string, string>);
  app.get(path, (req, reply) => getDoc(req, ctx, reply, id(req)));
  app.put(path, (req, reply) => putDoc(req, ctx, reply, id(req)));
  app.delete(path, (req) => deleteDoc(req, ctx, id(req)));
  app.route({
    method: 'COPY',
    url: path,
    handler: (req, reply) => copyDoc(req, ctx, reply, id(req)),
  });
}

/** Document routes: plain, design and local documents, and their attachments. */
export function docRoutes(app: FastifyInstance, ctx: ServerContext): void {
  docRoutesAt(app, ctx, '/:db/:id', (p) => p.id as string);
  docRoutesAt(app, ctx, '/:db/_design/:ddoc', (p) => `_design/${p.ddoc}`);
  docRoutesAt(app, ctx, '/:db/_local/:id', (p) => `_local/${p.id}`);
  attachmentRoutes(app, ctx, '/:db/:id/*', (p) => p.id as string);
  attachmentRoutes(app, ctx, '/:db/_design/:ddoc/*', (p) => `_design/${p.ddoc}`);
  const noLocalAttachments = async (req: FastifyRequest) => {
    await requestDb(req, ctx);
    throw badRequest('_local documents do not accept attachments.');
  };
  for (const method of ['GET', 'PUT', 'DELETE'] as const) {
    app.route({ method, url: '/:db/_local/:id/*', handler: noLocalAttachments });
  }
}
