import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import { badRequest, CouchError } from '../couch-error.js';
import { jsonObject, optionalJsonObject } from '../json-body.js';
import { parseQuery, type RawQuery } from '../query-options.js';
import { requestDb } from '../request-db.js';

/** View query options: the query string, plus `keys` (and any option) from a POST body. */
function viewOptions(req: FastifyRequest, body: Record<string, unknown>): Record<string, unknown> {
  const opts: Record<string, unknown> = { ...parseQuery(req.query as RawQuery), ...body };
  if (opts.keys !== undefined && !Array.isArray(opts.keys)) {
    throw badRequest('`keys` member must be an array.');
  }
  // CouchDB's `stale`/`update` map onto PouchDB's `stale`.
  if (opts.update === 'false' || opts.update === false) opts.stale = 'ok';
  delete opts.update;
  return opts;
}

/** Views, `_temp_view` (when enabled), and Mango's `_find`, `_index` and `_explain`. */
export function queryRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const view = async (req: FastifyRequest, body: Record<string, unknown>) => {
    const { db } = await requestDb(req, ctx);
    const { ddoc, view: name } = req.params as { ddoc: string; view: string };
    return db.query(`${ddoc}/${name}`, viewOptions(req, body));
  };
  app.get('/:db/_design/:ddoc/_view/:view', (req) => view(req, {}));
  app.post('/:db/_design/:ddoc/_view/:view', (req) => view(req, optionalJsonObject(req)));

  app.get('/:db/_design/:ddoc/_info', async (req) => {
    const { db } = await requestDb(req, ctx);
    const { ddoc } = req.params as { ddoc: string };
    await db.get(`_design/${ddoc}`);
    return { name: ddoc, view_index: { language: 'javascript', updater_running: false } };
  });

  app.post('/:db/_temp_view', async (req) => {
    if (!ctx.options.tempViews) {
      throw new CouchError(410, 'gone', 'Temporary views are not enabled on this server.');
    }
    // Temporary views run code from the request: only database admins may send them.
    const { db } = await requestDb(req, ctx, 'admin');
    const body = jsonObject(req);
    if (typeof body.map !== 'string') throw badRequest('`map` must be a function source');
    const fun =
      typeof body.reduce === 'string' ? { map: body.map, reduce: body.reduce } : { map: body.map };
    return db.query(fun, viewOptions(req, {}));
  });

  app.post('/:db/_find', async (req) => (await requestDb(req, ctx)).db.find(jsonObject(req)));
  app.post('/:db/_explain', async (req) => (await requestDb(req, ctx)).db.explain(jsonObject(req)));
  app.get('/:db/_index', async (req) => (await requestDb(req, ctx)).db.getIndexes());
  app.post('/:db/_index', async (req) => {
    const { db } = await requestDb(req, ctx, 'admin');
    return db.createIndex(jsonObject(req));
  });
  app.delete('/:db/_index/*', async (req) => {
    const { db } = await requestDb(req, ctx, 'admin');
    const rest = (req.params as Record<string, string>)['*'] ?? '';
    const match = /^(?:_design\/)?(.+)\/json\/([^/]+)$/.exec(rest);
    if (!match) throw badRequest('Index to delete must be _design/<ddoc>/json/<name>');
    return db.deleteIndex({ ddoc: `_design/${match[1]}`, name: match[2], type: 'json' });
  });
}
