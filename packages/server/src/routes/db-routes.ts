import type { FastifyInstance } from 'fastify';
import { requireServerAdmin } from '../auth/db-access.js';
import type { ServerContext } from '../context.js';
import { badRequest } from '../couch-error.js';
import type { SecurityObject } from '../databases.js';
import { checkDbName } from '../db-name.js';
import { jsonBody, jsonObject } from '../json-body.js';
import { parseQuery, type RawQuery } from '../query-options.js';
import { checkDocWrite, requestDb } from '../request-db.js';
import { couchWriteResult } from '../write-result.js';

/** Database-level routes: create, info, delete, POST a doc, and the maintenance endpoints. */
export function dbRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.put('/:db', async (req, reply) => {
    requireServerAdmin(req.userCtx);
    const { db: name } = req.params as { db: string };
    checkDbName(name);
    await ctx.databases.create(name);
    reply.header('Location', `/${encodeURIComponent(name)}`);
    return reply.code(201).send({ ok: true });
  });

  app.delete('/:db', async (req) => {
    requireServerAdmin(req.userCtx);
    const { db: name } = req.params as { db: string };
    checkDbName(name);
    await ctx.databases.destroy(name);
    ctx.validators.invalidate(name);
    return { ok: true };
  });

  app.get('/:db', async (req) => {
    const { name, db } = await requestDb(req, ctx);
    const info = await db.info();
    return {
      db_name: name,
      purge_seq: 0,
      update_seq: info.update_seq,
      sizes: { file: 0, external: 0, active: 0 },
      props: {},
      doc_del_count: typeof info.doc_del_count === 'number' ? info.doc_del_count : 0,
      doc_count: info.doc_count,
      disk_format_version: 8,
      compact_running: false,
      cluster: { q: 1, n: 1, w: 1, r: 1 },
      instance_start_time: '0',
      adapter: info.adapter,
      backend_adapter: info.backend_adapter,
    };
  });

  app.post('/:db', async (req, reply) => {
    const target = await requestDb(req, ctx);
    const doc = jsonObject(req);
    checkDocWrite(req, target, doc._id);
    const q = parseQuery(req.query as RawQuery);
    await ctx.validators.checkOne(req, target, doc);
    const result = await ctx.validators.writing(target.name, [doc._id], () =>
      doc._id === undefined ? target.db.post(doc) : target.db.put(doc),
    );
    return reply.code(q.batch === 'ok' ? 202 : 201).send(couchWriteResult(result));
  });

  app.get('/:db/_security', async (req) => (await requestDb(req, ctx)).record.security ?? {});

  app.put('/:db/_security', async (req) => {
    const { name } = await requestDb(req, ctx, 'admin');
    const security = jsonObject(req) as SecurityObject;
    for (const section of [security.admins, security.members]) {
      if (section !== undefined && (typeof section !== 'object' || section === null)) {
        throw badRequest('admins and members must be objects');
      }
      for (const list of [section?.names, section?.roles]) {
        if (
          list !== undefined &&
          (!Array.isArray(list) || list.some((x) => typeof x !== 'string'))
        ) {
          throw badRequest('names and roles must be arrays of strings');
        }
      }
    }
    await ctx.databases.update(name, { security });
    return { ok: true };
  });

  app.get('/:db/_revs_limit', async (req) => (await requestDb(req, ctx)).record.revs_limit ?? 1000);

  app.put('/:db/_revs_limit', async (req) => {
    const { name } = await requestDb(req, ctx, 'admin');
    const limit = jsonBody(req);
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
      throw badRequest('Rev limit has to be a positive integer');
    }
    await ctx.databases.update(name, { revs_limit: limit });
    return { ok: true };
  });

  app.post('/:db/_compact', async (req, reply) => {
    const { db } = await requestDb(req, ctx, 'admin');
    await db.compact();
    return reply.code(202).send({ ok: true });
  });

  // Views are compacted with their database's companion indexes: accepting is enough.
  app.post('/:db/_compact/:ddoc', async (req, reply) => {
    await requestDb(req, ctx, 'admin');
    return reply.code(202).send({ ok: true });
  });

  app.post('/:db/_view_cleanup', async (req, reply) => {
    const { db } = await requestDb(req, ctx, 'admin');
    await db.viewCleanup();
    return reply.code(202).send({ ok: true });
  });

  app.post('/:db/_ensure_full_commit', async (req, reply) => {
    await requestDb(req, ctx);
    return reply.code(201).send({ ok: true, instance_start_time: '0' });
  });

  app.post('/:db/_purge', async (req, reply) => {
    const { db, name } = await requestDb(req, ctx, 'admin');
    const body = jsonObject(req);
    ctx.validators.invalidate(name);
    const purged: Record<string, string[]> = {};
    for (const [id, revs] of Object.entries(body)) {
      if (!Array.isArray(revs)) throw badRequest('revs must be an array');
      purged[id] = [];
      for (const rev of revs) {
        try {
          await db.purge(id, String(rev));
          purged[id].push(String(rev));
        } catch (err) {
          // CouchDB lists only what it purged; a missing doc or rev is not an error.
          if ((err as { status?: number }).status !== 404) throw err;
        }
      }
    }
    return reply.code(201).send({ purge_seq: null, purged });
  });
}
