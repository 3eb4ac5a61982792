import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CorsOptions } from './options.js';

const METHODS = 'GET, HEAD, POST, PUT, DELETE, COPY, OPTIONS';
const DEFAULT_HEADERS = 'accept, authorization, content-type, origin, referer, x-csrf-token';

/**
 * Applies CORS to a request: sets the allow headers on the raw response (so streamed feeds get
 * them too) when the origin is allowed, and answers preflight requests. Returns true when the
 * request was a preflight and has been answered.
 */
export function applyCors(cors: CorsOptions, req: FastifyRequest, reply: FastifyReply): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  const allowed = cors.origins === '*' || cors.origins.includes(origin);
  if (!allowed) return false;
  const res = reply.raw;
  // With credentials the origin must be echoed: browsers refuse `*` then.
  res.setHeader(
    'Access-Control-Allow-Origin',
    cors.credentials || cors.origins !== '*' ? origin : '*',
  );
  if (cors.credentials) res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Vary', 'Origin');
  res.setHeader(
    'Access-Control-Expose-Headers',
    'content-type, cache-control, etag, location, x-couch-request-id',
  );
  if (req.method !== 'OPTIONS' || !req.headers['access-control-request-method']) return false;
  const asked = req.headers['access-control-request-headers'];
  res.setHeader('Access-Control-Allow-Methods', METHODS);
  res.setHeader(
    'Access-Control-Allow-Headers',
    typeof asked === 'string' ? asked : DEFAULT_HEADERS,
  );
  res.setHeader('Access-Control-Max-Age', '600');
  reply.code(204).send();
  return true;
}
