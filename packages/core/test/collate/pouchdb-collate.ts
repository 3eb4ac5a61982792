import { createRequire } from 'node:module';

/** The API of pouchdb-collate 9, the reference these tests compare against. */
export interface PouchCollate {
  collate(a: unknown, b: unknown): number;
  normalizeKey(key: unknown): unknown;
  toIndexableString(key: unknown): string;
  parseIndexableString(text: string): unknown;
}

const require = createRequire(import.meta.url);

/** pouchdb-collate 9 itself (CommonJS, untyped). */
export const pouch = require('pouchdb-collate') as PouchCollate;
