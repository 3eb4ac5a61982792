import type { AnyDoc } from '@satchel/core';
import type { FilterRequest } from './types.js';

/** A resolved filter: every kind of filter (function, design doc, view, selector) becomes one. */
export type ChangeFilter = (doc: AnyDoc, req: FilterRequest) => unknown;
