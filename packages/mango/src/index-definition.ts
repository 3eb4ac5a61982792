import { clone } from '@satchel/core';
import { getValue, massageSelector, type Selector } from '@satchel/selector';
import { badRequest } from './mango-error.js';
import type { IndexField } from './types.js';

/** A create-index request after pouchdb-find's reshaping (`type`, `name`, `ddoc` on top). */
export interface MassagedCreateRequest {
  index: Record<string, unknown>;
  type: string;
  name?: string;
  ddoc?: string;
  [extra: string]: unknown;
}

/** An index definition with every field as `{field: direction}`. */
export interface MassagedIndexDef {
  fields: Record<string, string>[];
  partial_filter_selector?: Selector;
  [extra: string]: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reshapes a `createIndex` request exactly as pouchdb-find 9 does (on a copy, with the same key
 * order, because the default names are the md5 of its JSON): `index.type`, `index.name` and
 * `index.ddoc` move to the top, a top-level `fields` moves into `index`, `type` defaults to
 * `'json'`.
 * @param request - the request as the user wrote it.
 */
export function massageCreateRequest(request: unknown): MassagedCreateRequest {
  if (!isRecord(request)) throw badRequest('you must provide an index to create');
  const def = clone(request) as Record<string, unknown>;
  if (!def.index) def.index = {};
  if (!isRecord(def.index)) throw badRequest('Invalid index: expected a JSON object');
  const index = def.index;
  for (const key of ['type', 'name', 'ddoc']) {
    if (index[key]) {
      def[key] = index[key];
      delete index[key];
    }
  }
  if (def.fields) {
    index.fields = def.fields;
    delete def.fields;
  }
  if (!def.type) def.type = 'json';
  checkNames(def);
  return def as MassagedCreateRequest;
}

function checkNames(def: Record<string, unknown>): void {
  for (const key of ['name', 'ddoc', 'type']) {
    if (def[key] !== undefined && typeof def[key] !== 'string') {
      throw badRequest(`Invalid index ${key}: expected a string`);
    }
  }
}

/**
 * pouchdb-find's `massageIndexDef`: every field becomes `{field: direction}` and the
 * `partial_filter_selector` is massaged. Returns a new definition (the input is not changed).
 * @param def - a stored or requested index definition.
 */
export function massageIndexDef(def: Record<string, unknown>): MassagedIndexDef {
  const fields = def.fields;
  if (!Array.isArray(fields)) throw badRequest('Invalid index: fields must be an array');
  const result: Record<string, unknown> = { ...def, fields: fields.map(fieldEntry) };
  if (def.partial_filter_selector) {
    result.partial_filter_selector = massageSelector(def.partial_filter_selector as Selector);
  }
  return result as MassagedIndexDef;
}

function fieldEntry(field: IndexField | unknown): Record<string, string> {
  if (typeof field === 'string') return { [field]: 'asc' };
  if (!isRecord(field) || Object.keys(field).length !== 1) {
    throw badRequest('Invalid index: each field must be a name or {name: "asc" | "desc"}');
  }
  const direction = getValue(field);
  if (direction !== 'asc' && direction !== 'desc') {
    throw badRequest('Invalid index: sort direction must be "asc" or "desc"');
  }
  return field as Record<string, string>;
}

/**
 * Refuses indexes mixing ascending and descending fields, as pouchdb-find does.
 * @param def - a massaged index definition.
 */
export function checkSortDirections(def: MassagedIndexDef): void {
  const ascending = def.fields.filter((field) => getValue(field) === 'asc').length;
  if (ascending !== 0 && ascending !== def.fields.length) {
    throw badRequest('unsupported mixed sorting');
  }
}

/** The field names of an index definition, in order. */
export function indexFieldNames(def: MassagedIndexDef): string[] {
  return def.fields.map((field) => Object.keys(field)[0] as string);
}
