/**
 * PouchDB-compatible errors.
 *
 * Every error Satchel reports has the fields PouchDB 9's errors have, with the same values:
 * `status` (HTTP status), `name` (CouchDB's error id, e.g. `not_found`), `message`, `error`
 * (`true`) and, when given, `reason`. Code written against PouchDB compares these fields, so
 * they are own enumerable properties exactly as in PouchDB and `JSON.stringify(err)` gives the
 * same object (PouchDB's errors also carry an enumerable `stack` copied from a template made at
 * load time; ours keep V8's real, non-enumerable stack instead).
 *
 * @packageDocumentation
 */

import * as T from './error-templates.js';

/** The constant part of an error: what PouchDB keeps in its error constants. */
export interface ErrorTemplate {
  /** HTTP status code, as CouchDB would answer. */
  readonly status: number;
  /** CouchDB's error id, e.g. `not_found`, `conflict`, `bad_request`. */
  readonly name: string;
  /** Human-readable description; PouchDB keeps it fixed per template. */
  readonly message: string;
}

/**
 * The catalogue of PouchDB 9's error constants, with identical status, name and message.
 * Pass one to {@link createError}; compare errors by `name`/`status`, never by identity.
 */
export const Errors = /* @__PURE__ */ Object.freeze({
  UNAUTHORIZED: T.UNAUTHORIZED,
  MISSING_BULK_DOCS: T.MISSING_BULK_DOCS,
  MISSING_DOC: T.MISSING_DOC,
  REV_CONFLICT: T.REV_CONFLICT,
  INVALID_ID: T.INVALID_ID,
  MISSING_ID: T.MISSING_ID,
  RESERVED_ID: T.RESERVED_ID,
  NOT_OPEN: T.NOT_OPEN,
  UNKNOWN_ERROR: T.UNKNOWN_ERROR,
  BAD_ARG: T.BAD_ARG,
  INVALID_REQUEST: T.INVALID_REQUEST,
  QUERY_PARSE_ERROR: T.QUERY_PARSE_ERROR,
  DOC_VALIDATION: T.DOC_VALIDATION,
  BAD_REQUEST: T.BAD_REQUEST,
  NOT_AN_OBJECT: T.NOT_AN_OBJECT,
  DB_MISSING: T.DB_MISSING,
  IDB_ERROR: T.IDB_ERROR,
  WSQ_ERROR: T.WSQ_ERROR,
  LDB_ERROR: T.LDB_ERROR,
  FORBIDDEN: T.FORBIDDEN,
  INVALID_REV: T.INVALID_REV,
  FILE_EXISTS: T.FILE_EXISTS,
  MISSING_STUB: T.MISSING_STUB,
  INVALID_URL: T.INVALID_URL,
} as const);

/** The key of one of the {@link Errors} constants, e.g. `'MISSING_DOC'`. */
export type ErrorKey = keyof typeof Errors;

/**
 * Marks Satchel errors across copies of this module (ESM and CJS builds loaded side by side),
 * where `instanceof` would fail.
 */
const BRAND = Symbol.for('satchel.error');

/**
 * An error in PouchDB's shape. It extends `Error` so stack traces and `instanceof Error` work,
 * and has `status`, `name`, `message`, `error` (and optionally `reason`, `docId`, `id`) as own
 * enumerable fields, in PouchDB's order.
 */
export class SatchelError extends Error {
  /** HTTP status code. */
  declare status: number;
  /** CouchDB's error id, e.g. `not_found`. */
  declare name: string;
  /** The template's description (not the reason: see {@link createError}). */
  declare message: string;
  /**
   * `true` for errors Satchel raises itself. Errors mapped from a CouchDB response keep the
   * server's `error` string (e.g. `'not_found'`), as PouchDB's HTTP adapter does.
   */
  declare error: true | string;
  /** Extra detail, e.g. `'deleted'` for a deleted document's `not_found`. */
  declare reason?: string;
  /** The document the failing single-document call (`put`, `get`, `remove`…) was about. */
  declare docId?: string;
  /** The document id of a failed row in a `bulkDocs` result. */
  declare id?: string;
  /** The unparseable payload, for errors made from a non-object response. */
  declare data?: unknown;

  /**
   * Creates an error; prefer {@link createError} with a template from {@link Errors}.
   * @param status - HTTP status code.
   * @param name - CouchDB error id.
   * @param message - description.
   */
  constructor(status: number, name: string, message: string) {
    // No message to super(): Error would make it a non-enumerable own property, and PouchDB's
    // errors have an enumerable one (it shows up in JSON).
    super();
    this.status = status;
    this.name = name;
    this.message = message;
    this.error = true;
  }

  /** `{"status","name","message","reason"}` as JSON, exactly like PouchDB's `toString`. */
  override toString(): string {
    return JSON.stringify({
      status: this.status,
      name: this.name,
      message: this.message,
      reason: this.reason,
    });
  }
}

Object.defineProperty(SatchelError.prototype, BRAND, { value: true });

/** Fields never copied from a template or a response onto an error. */
const SKIPPED_FIELDS = new Set(['stack', 'status', 'name', 'message', '__proto__']);

/**
 * Copies the remaining own enumerable, non-function fields of `source` onto `err`, as PouchDB's
 * `createError` does (so an existing error can serve as a template and keep its `docId`…).
 */
function copyExtraFields(source: object, err: SatchelError): void {
  for (const [key, value] of Object.entries(source)) {
    if (SKIPPED_FIELDS.has(key) || typeof value === 'function') continue;
    // defineProperty, not assignment: a response body must not reach a setter or the prototype.
    Object.defineProperty(err, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
}

/**
 * Creates an error from a template, like PouchDB's `createError(template, reason)`.
 *
 * PouchDB quirk kept on purpose: `reason` does NOT replace `message`. The message stays the
 * template's (`createError(Errors.MISSING_DOC, 'deleted')` has message `'missing'` and reason
 * `'deleted'`); `reason` is only set when given.
 *
 * @param tmpl - one of {@link Errors}, or any error-shaped object (its other fields are copied).
 * @param reason - optional detail stored in `reason`.
 * @returns a new {@link SatchelError}.
 */
export function createError(tmpl: ErrorTemplate, reason?: string): SatchelError {
  const err = new SatchelError(tmpl.status, tmpl.name, tmpl.message);
  copyExtraFields(tmpl, err);
  if (reason !== undefined) err.reason = reason;
  return err;
}

/**
 * True when `x` is a {@link SatchelError} (from this or any other copy of the module).
 * @param x - any value.
 */
export function isSatchelError(x: unknown): x is SatchelError {
  return typeof x === 'object' && x !== null && (x as { [BRAND]?: unknown })[BRAND] === true;
}

/** What {@link isErrorNamed} guarantees: PouchDB's error fields, from any source. */
export interface ErrorShape {
  /** HTTP status code. */
  status: number;
  /** CouchDB error id. */
  name: string;
  /** Description. */
  message: string;
  /** Extra detail, when given. */
  reason?: string;
}

/**
 * True when `x` is an error-shaped object (a Satchel error, a PouchDB error, or a mapped
 * CouchDB response) whose `name` is `name`, e.g. `isErrorNamed(err, 'conflict')`.
 * @param x - any value.
 * @param name - CouchDB error id to look for.
 */
export function isErrorNamed(x: unknown, name: string): x is ErrorShape {
  return typeof x === 'object' && x !== null && (x as { name?: unknown }).name === name;
}
