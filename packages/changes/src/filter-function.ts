import type { AnyDoc, TimeLimitedRunner } from '@satchel/core';
import type { FilterRequest } from './types.js';

/** A resolved filter: every kind of filter (function, design doc, view, selector) becomes one. */
export type ChangeFilter = (doc: AnyDoc, req: FilterRequest) => unknown;

/**
 * A filter whose calls must run under a time limit (a `_selector` feed with a `$regex` on a
 * database with a `selector_time_limit`): changes are filtered a chunk per limited call.
 */
export type PageLimitedFilter = ChangeFilter & { pageLimit?: TimeLimitedRunner };
