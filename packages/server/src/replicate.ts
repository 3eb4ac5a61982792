import type { FastifyRequest } from 'fastify';
import { requireMember } from './auth/db-access.js';
import type { ServerContext } from './context.js';
import { badRequest } from './couch-error.js';
import { checkDbName } from './db-name.js';

/** A `/_replicate` endpoint: a local database name, a URL, or `{url, headers}`. */
type Endpoint = string | { url?: unknown; headers?: unknown };

/** Options `/_replicate` passes on to `replicate()`. */
const PASSED_OPTIONS = [
  'filter',
  'doc_ids',
  'selector',
  'query_params',
  'since_seq',
  'batch_size',
  'batches_limit',
  'view',
];

/** Opens an endpoint: URLs as remote databases, names as this server's own (access checked). */
async function openEndpoint(
  req: FastifyRequest,
  ctx: ServerContext,
  endpoint: Endpoint,
  create: boolean,
): Promise<{ label: string; db: unknown }> {
  const url = typeof endpoint === 'string' ? endpoint : endpoint?.url;
  if (typeof url !== 'string' || !url) throw badRequest('source and target must be names or URLs');
  if (/^https?:\/\//.test(url)) {
    const headers =
      typeof endpoint === 'object' && endpoint.headers ? { headers: endpoint.headers } : {};
    return {
      label: url,
      db: new ctx.Satchel(url, { adapter: url.startsWith('https') ? 'https' : 'http', ...headers }),
    };
  }
  checkDbName(url);
  if (create && !(await ctx.databases.exists(url))) await ctx.databases.create(url);
  const record = await ctx.databases.record(url);
  requireMember(req.userCtx, record.security);
  return { label: url, db: await ctx.databases.get(url) };
}

/**
 * `POST /_replicate`: one-shot (answers when done, with CouchDB's history entry), continuous
 * (answers at once with an id), or `cancel`.
 */
export async function replicate(
  req: FastifyRequest,
  ctx: ServerContext,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const create = body.create_target === true;
  const source = await openEndpoint(req, ctx, body.source as Endpoint, false);
  const target = await openEndpoint(req, ctx, body.target as Endpoint, create);
  if (body.cancel === true) {
    const id = typeof body.replication_id === 'string' ? body.replication_id : undefined;
    if (!ctx.replications.cancel(id, source.label, target.label)) {
      throw Object.assign(new Error('missing'), {
        status: 404,
        name: 'not_found',
        reason: 'missing',
      });
    }
    return { ok: true };
  }
  const options: Record<string, unknown> = {};
  for (const name of PASSED_OPTIONS) if (body[name] !== undefined) options[name] = body[name];
  if (body.continuous === true) {
    const handle = ctx.Satchel.replicate(source.db, target.db, {
      ...options,
      live: true,
      retry: true,
    });
    const id = ctx.replications.add(source.label, target.label, handle);
    return { ok: true, _local_id: id };
  }
  const started = new Date().toUTCString();
  const result = await ctx.Satchel.replicate(source.db, target.db, options);
  return {
    ok: true,
    no_changes: result.docs_read === 0,
    source_last_seq: result.last_seq,
    history: [
      {
        start_time: started,
        end_time: new Date().toUTCString(),
        recorded_seq: result.last_seq,
        docs_read: result.docs_read,
        docs_written: result.docs_written,
        doc_write_failures: result.doc_write_failures,
      },
    ],
  };
}
