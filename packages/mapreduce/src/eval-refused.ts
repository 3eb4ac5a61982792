import { createError, Errors, type SatchelError } from '@satchel/core';

let evalAllowed: boolean | undefined;

/**
 * Whether this realm may compile code from strings. A page whose Content-Security-Policy lacks
 * `'unsafe-eval'` refuses `new Function` with an EvalError (asked once, then remembered).
 */
export function canEvalStrings(): boolean {
  if (evalAllowed === undefined) {
    try {
      new Function('');
      evalAllowed = true;
    } catch {
      evalAllowed = false;
    }
  }
  return evalAllowed;
}

/** Whether `err` is the refusal of a Content-Security-Policy to compile a string. */
export function isEvalRefusal(err: unknown): boolean {
  return err instanceof EvalError || (err as { name?: unknown } | null)?.name === 'EvalError';
}

/** The error a query gets when a string map/reduce function cannot be compiled under CSP. */
export function evalRefusedError(): SatchelError {
  return createError(
    Errors.BAD_REQUEST,
    "This page's Content-Security-Policy forbids 'unsafe-eval', so map/reduce functions " +
      'given as strings (design documents) cannot be compiled; query with a JavaScript ' +
      'function instead, or allow unsafe-eval',
  );
}
