import type { FastifyRequest } from 'fastify';

/** How a route's parameters name the document. */
export type IdOf = (params: Record<string, string>) => string;

/** The revision a write names: `?rev=` or `If-Match`. */
export function revOf(req: FastifyRequest, q: Record<string, unknown>): string | undefined {
  if (typeof q.rev === 'string') return q.rev;
  const match = req.headers['if-match'];
  return typeof match === 'string' ? match.replaceAll('"', '') : undefined;
}
