import * as T from './error-templates.js';

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
