import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loginKey } from '../auth/authenticate.js';
import { checkPassword } from '../auth/credentials.js';
import { requireServerAdmin } from '../auth/db-access.js';
import type { ServerContext } from '../context.js';
import { badRequest, CouchError } from '../couch-error.js';
import { jsonObject } from '../json-body.js';
import { parseQuery, type RawQuery } from '../query-options.js';
import { replicate } from '../replicate.js';
import { SERVER_VERSION } from '../version.js';

/** Largest `count` of `/_uuids`, as CouchDB's `max_count`. */
const MAX_UUIDS = 1000;

/** `name`/`password` from a JSON or form-encoded login body. */
function loginFields(req: FastifyRequest): { name: string; password: string } {
  const type = String(req.headers['content-type'] ?? '');
  let fields: Record<string, unknown>;
  if (type.startsWith('application/x-www-form-urlencoded')) {
    fields = Object.fromEntries(
      new URLSearchParams(Buffer.isBuffer(req.body) ? req.body.toString() : ''),
    );
  } else {
    fields = jsonObject(req);
  }
  const { name, password } = fields;
  if (typeof name !== 'string' || typeof password !== 'string') {
    throw badRequest('name and password are required');
  }
  return { name, password };
}

/** `/`, `/_all_dbs`, `/_uuids`, `/_up`, `/_session`, `/_active_tasks`, `/_replicate`. */
export function serverRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/', async () => ({
    couchdb: 'Welcome',
    version: SERVER_VERSION.couchdb,
    uuid: ctx.uuid,
    features: [],
    vendor: { name: 'Satchel', version: SERVER_VERSION.satchel },
  }));

  app.get('/_up', async () => ({ status: 'ok', seeds: {} }));

  app.get('/_all_dbs', async (req) => {
    requireServerAdmin(req.userCtx);
    const q = parseQuery(req.query as RawQuery);
    let names = await ctx.databases.list();
    if (q.descending === true) names = names.reverse();
    const skip = typeof q.skip === 'number' ? q.skip : 0;
    const limit = typeof q.limit === 'number' ? q.limit : names.length;
    return names.slice(skip, skip + limit);
  });

  app.get('/_uuids', async (req) => {
    const q = parseQuery(req.query as RawQuery);
    const count = typeof q.count === 'number' ? q.count : 1;
    if (!Number.isInteger(count) || count < 0 || count > MAX_UUIDS) {
      throw new CouchError(400, 'bad_request', `count parameter too large`);
    }
    return { uuids: Array.from({ length: count }, () => randomUUID().replaceAll('-', '')) };
  });

  app.get('/_session', async (req) => ({
    ok: true,
    userCtx: req.userCtx,
    info: {
      authentication_handlers: ['cookie', 'default'],
      ...(req.authMethod ? { authenticated: req.authMethod } : {}),
    },
  }));

  app.post('/_session', async (req, reply) => {
    const { name, password } = loginFields(req);
    const key = loginKey(req, name);
    ctx.limiter.check(key);
    const user = checkPassword(ctx.options, name, password);
    if (!user) {
      ctx.limiter.fail(key);
      throw new CouchError(401, 'unauthorized', 'Name or password is incorrect.');
    }
    ctx.limiter.succeed(key);
    reply.header('Set-Cookie', ctx.cookies.header(ctx.cookies.issue(name)));
    return { ok: true, name, roles: user.roles };
  });

  app.delete('/_session', async (_req, reply) => {
    reply.header('Set-Cookie', ctx.cookies.header(''));
    return { ok: true };
  });

  app.get('/_active_tasks', async (req) => {
    requireServerAdmin(req.userCtx);
    return ctx.Satchel.activeTasks?.list() ?? [];
  });

  app.post('/_replicate', async (req) => replicate(req, ctx, jsonObject(req)));
}
