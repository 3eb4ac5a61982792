import type { FastifyRequest } from 'fastify';
import { badRequest } from './couch-error.js';

/**
 * The request body parsed as JSON (bodies arrive as raw bytes; each route decides how to read
 * them, so attachment uploads stay binary whatever their content type).
 */
export function jsonBody(req: FastifyRequest): unknown {
  const body = req.body;
  if (!Buffer.isBuffer(body) || body.length === 0) throw badRequest('invalid UTF-8 JSON');
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw badRequest('invalid UTF-8 JSON');
  }
}

/** The body as a JSON object (not an array or a scalar). */
export function jsonObject(req: FastifyRequest): Record<string, unknown> {
  const value = jsonBody(req);
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('Request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/** The body as a JSON object, or `{}` when there is none. */
export function optionalJsonObject(req: FastifyRequest): Record<string, unknown> {
  const body = req.body;
  if (!Buffer.isBuffer(body) || body.length === 0) return {};
  return jsonObject(req);
}
