import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import { CouchError } from '../couch-error.js';
import { parseQuery, type RawQuery } from '../query-options.js';
import { checkDocWrite, type RequestDb, requestDb } from '../request-db.js';
import { type IdOf, revOf } from '../rev-of.js';
import { couchWriteResult } from '../write-result.js';

interface Stub {
  content_type?: string;
  digest?: string;
  length?: number;
}

const missingAttachment = (): CouchError =>
  new CouchError(404, 'not_found', 'Document is missing attachment');

/**
 * Runs `validate_doc_update` on the document an attachment write would make: the current
 * revision with the attachment added (`stub`), or removed (`undefined`).
 */
async function validateAttachmentWrite(
  req: FastifyRequest,
  ctx: ServerContext,
  target: RequestDb,
  id: string,
  rev: string | undefined,
  name: string,
  stub: Stub | undefined,
): Promise<void> {
  let current: Record<string, unknown> & { _attachments?: Record<string, unknown> } = { _id: id };
  if (rev) {
    try {
      current = (await target.db.get(id, { rev })) as typeof current;
    } catch {
      // A wrong rev is reported by the write itself.
    }
  }
  const attachments = { ...(current._attachments ?? {}) };
  if (stub) attachments[name] = stub;
  else delete attachments[name];
  await ctx.validators.checkOne(req, target, { ...current, _attachments: attachments });
}

/** Raw attachment GET/PUT/DELETE under a document route (`*` is the attachment name). */
export function attachmentRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  path: string,
  idOf: IdOf,
): void {
  const names = (req: FastifyRequest) => {
    const params = req.params as Record<string, string>;
    return { id: idOf(params), name: params['*'] ?? '' };
  };

  app.get(path, async (req, reply) => {
    const { db } = await requestDb(req, ctx);
    const { id, name } = names(req);
    const q = parseQuery(req.query as RawQuery);
    const rev = typeof q.rev === 'string' ? { rev: q.rev } : {};
    const doc = (await db.get(id, rev)) as { _attachments?: Record<string, Stub> };
    const stub = doc._attachments?.[name];
    if (!stub) throw missingAttachment();
    const data = await db.getAttachment(id, name, rev);
    if (stub.digest) reply.header('ETag', `"${stub.digest}"`);
    return reply.type(stub.content_type ?? 'application/octet-stream').send(Buffer.from(data));
  });

  app.put(path, async (req, reply) => {
    const target = await requestDb(req, ctx);
    const { id, name } = names(req);
    checkDocWrite(req, target, id);
    const rev = revOf(req, parseQuery(req.query as RawQuery));
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const type = String(req.headers['content-type'] ?? 'application/octet-stream');
    await validateAttachmentWrite(req, ctx, target, id, rev, name, {
      content_type: type,
      length: body.length,
    });
    const result = await target.db.putAttachment(id, name, rev, body, type);
    return reply.code(201).send(couchWriteResult(result));
  });

  app.delete(path, async (req) => {
    const target = await requestDb(req, ctx);
    const { id, name } = names(req);
    checkDocWrite(req, target, id);
    const rev = revOf(req, parseQuery(req.query as RawQuery));
    if (!rev) throw new CouchError(409, 'conflict', 'Document update conflict.');
    await validateAttachmentWrite(req, ctx, target, id, rev, name, undefined);
    return couchWriteResult(await target.db.removeAttachment(id, name, rev));
  });
}
