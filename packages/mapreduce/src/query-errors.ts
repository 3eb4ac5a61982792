import { SatchelError } from '@satchel/core';

/**
 * PouchDB's `query_parse_error` (400) with a specific message.
 * @param message - what is wrong with the options.
 */
export function queryParseError(message: string): SatchelError {
  return new SatchelError(400, 'query_parse_error', message);
}

/**
 * PouchDB's map/reduce `not_found` (404) with a specific message (e.g. a missing view).
 * @param message - what was not found.
 */
export function viewNotFound(message: string): SatchelError {
  return new SatchelError(404, 'not_found', message);
}

/**
 * PouchDB's `invalid_value` (500) raised by a built-in reduce given values it cannot add up.
 * @param name - the built-in, e.g. `_sum`.
 * @param wanted - what the values must be.
 */
export function builtInError(name: string, wanted = 'numbers or number arrays'): SatchelError {
  return new SatchelError(
    500,
    'invalid_value',
    `builtin ${name} function requires map values to be ${wanted}`,
  );
}
