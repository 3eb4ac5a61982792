import type { ErrorTemplate } from './errors.js';

// PouchDB 9's error constants one by one, internal to core (the barrels do not re-export this
// file): core's own code imports them as a namespace (`import * as Errors from
// './error-templates.js'`), so that bundlers keep only those the code they load uses. The
// public catalogue, `Errors`, is in `errors.ts`.

/** Builds a frozen template; frozen because every error in the process is copied from it. */
function template(status: number, name: string, message: string): ErrorTemplate {
  return Object.freeze({ status, name, message });
}

export const UNAUTHORIZED: ErrorTemplate = /* @__PURE__ */ template(
  401,
  'unauthorized',
  'Name or password is incorrect.',
);
export const MISSING_BULK_DOCS: ErrorTemplate = /* @__PURE__ */ template(
  400,
  'bad_request',
  "Missing JSON list of 'docs'",
);
export const MISSING_DOC: ErrorTemplate = /* @__PURE__ */ template(404, 'not_found', 'missing');
export const REV_CONFLICT: ErrorTemplate = /* @__PURE__ */ template(
  409,
  'conflict',
  'Document update conflict',
);
export const INVALID_ID: ErrorTemplate = /* @__PURE__ */ template(
  400,
  'bad_request',
  '_id field must contain a string',
);
export const MISSING_ID: ErrorTemplate = /* @__PURE__ */ template(
  412,
  'missing_id',
  '_id is required for puts',
);
export const RESERVED_ID: ErrorTemplate = /* @__PURE__ */ template(
  400,
  'bad_request',
  'Only reserved document ids may start with underscore.',
);
export const NOT_OPEN: ErrorTemplate = /* @__PURE__ */ template(
  412,
  'precondition_failed',
  'Database not open',
);
export const UNKNOWN_ERROR: ErrorTemplate = /* @__PURE__ */ template(
  500,
  'unknown_error',
  'Database encountered an unknown error',
);
export const BAD_ARG: ErrorTemplate = /* @__PURE__ */ template(
  500,
  'badarg',
  'Some query argument is invalid',
);
export const INVALID_REQUEST: ErrorTemplate = /* @__PURE__ */ template(
  400,
  'invalid_request',
  'Request was invalid',
);
export const QUERY_PARSE_ERROR: ErrorTemplate = /* @__PURE__ */ template(
  400,
  'query_parse_error',
  'Some query parameter is invalid',
);
export const DOC_VALIDATION: ErrorTemplate = /* @__PURE__ */ template(
  500,
  'doc_validation',
  'Bad special document member',
);
export const BAD_REQUEST: ErrorTemplate = /* @__PURE__ */ template(
  400,
  'bad_request',
  'Something wrong with the request',
);
export const NOT_AN_OBJECT: ErrorTemplate = /* @__PURE__ */ template(
  400,
  'bad_request',
  'Document must be a JSON object',
);
export const DB_MISSING: ErrorTemplate = /* @__PURE__ */ template(
  404,
  'not_found',
  'Database not found',
);
export const IDB_ERROR: ErrorTemplate = /* @__PURE__ */ template(
  500,
  'indexed_db_went_bad',
  'unknown',
);
export const WSQ_ERROR: ErrorTemplate = /* @__PURE__ */ template(
  500,
  'web_sql_went_bad',
  'unknown',
);
// The doubled "went" is PouchDB's own spelling; code matches on it.
export const LDB_ERROR: ErrorTemplate = /* @__PURE__ */ template(
  500,
  'levelDB_went_went_bad',
  'unknown',
);
export const FORBIDDEN: ErrorTemplate = /* @__PURE__ */ template(
  403,
  'forbidden',
  'Forbidden by design doc validate_doc_update function',
);
export const INVALID_REV: ErrorTemplate = /* @__PURE__ */ template(
  400,
  'bad_request',
  'Invalid rev format',
);
export const FILE_EXISTS: ErrorTemplate = /* @__PURE__ */ template(
  412,
  'file_exists',
  'The database could not be created, the file already exists.',
);
export const MISSING_STUB: ErrorTemplate = /* @__PURE__ */ template(
  412,
  'missing_stub',
  "A pre-existing attachment stub wasn't found",
);
/** CouchDB's answer to a document over its size limit; here, one whose JSON no string can hold. */
export const DOC_TOO_LARGE: ErrorTemplate = /* @__PURE__ */ template(
  413,
  'document_too_large',
  'Document is too large',
);
export const INVALID_URL: ErrorTemplate = /* @__PURE__ */ template(
  413,
  'invalid_url',
  'Provided URL is invalid',
);
