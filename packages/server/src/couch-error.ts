import type { FastifyReply } from 'fastify';

/** An error in CouchDB's wire shape: `{"error": id, "reason": text}` with an HTTP status. */
export class CouchError extends Error {
  /** HTTP status code. */
  readonly status: number;
  /** CouchDB's error id, e.g. `not_found`. */
  readonly error: string;
  /** CouchDB's human-readable reason. */
  readonly reason: string;

  constructor(status: number, error: string, reason: string) {
    super(reason);
    this.status = status;
    this.error = error;
    this.reason = reason;
  }
}

/** What an error thrown by Satchel, fastify or a route looks like to {@link toCouchBody}. */
interface ErrorLike {
  status?: unknown;
  statusCode?: unknown;
  name?: unknown;
  error?: unknown;
  reason?: unknown;
  message?: unknown;
  code?: unknown;
}

const FASTIFY_CODES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'too_large', 'the request entity is too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'bad_content_type', 'Content-Type is not supported'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'bad_request', 'invalid UTF-8 JSON'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad_request', 'invalid Content-Length'],
};

/**
 * The status and CouchDB body for any thrown value. Only known fields are copied: messages
 * of unexpected errors (which could leak internals) become a generic 500 reason, and stack
 * traces never leave the process.
 */
export function toCouchBody(err: unknown): {
  status: number;
  body: { error: string; reason: string; message?: string };
} {
  if (err instanceof CouchError) {
    return { status: err.status, body: { error: err.error, reason: err.reason } };
  }
  const e = (err ?? {}) as ErrorLike;
  const known = typeof e.code === 'string' ? FASTIFY_CODES[e.code] : undefined;
  if (known) return { status: known[0], body: { error: known[1], reason: known[2] } };
  const status = typeof e.status === 'number' ? e.status : undefined;
  if (status && status >= 400 && status < 600 && typeof e.name === 'string') {
    const reason =
      typeof e.reason === 'string' && e.reason
        ? e.reason
        : typeof e.message === 'string'
          ? e.message
          : e.name;
    const error = typeof e.error === 'string' ? e.error : e.name;
    // PouchDB clients take `message` when present: with it they see the very error a local
    // database raises (CouchDB clients read `error` and `reason` and ignore it).
    const message = typeof e.message === 'string' && e.message !== reason ? e.message : undefined;
    return { status, body: message ? { error, reason, message } : { error, reason } };
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const reason = typeof e.message === 'string' ? e.message : 'bad request';
    return { status: e.statusCode, body: { error: 'bad_request', reason } };
  }
  return {
    status: 500,
    body: { error: 'unknown_error', reason: 'Database encountered an unknown error' },
  };
}

/** Sends `err` as CouchDB would. */
export function sendCouchError(reply: FastifyReply, err: unknown): FastifyReply {
  const { status, body } = toCouchBody(err);
  return reply.code(status).type('application/json').send(body);
}

/** 404 for a missing database, as CouchDB words it. */
export const noDbFile = (): CouchError =>
  new CouchError(404, 'not_found', 'Database does not exist.');

/** 400 `bad_request` with `reason`. */
export const badRequest = (reason: string): CouchError =>
  new CouchError(400, 'bad_request', reason);
