import { allMatchOperator, elemMatchOperator } from './array-match.js';
import {
  eqOperator,
  gteOperator,
  gtOperator,
  lteOperator,
  ltOperator,
  neOperator,
} from './comparison.js';
import { existsOperator } from './exists.js';
import { keyMapMatchOperator } from './key-map-match.js';
import { andOperator, norOperator, notOperator, orOperator } from './logical.js';
import { allOperator, inOperator, ninOperator } from './membership.js';
import { modOperator } from './mod.js';
import type { OperatorFactory } from './operator.js';
import { regexOperator } from './regex.js';
import { sizeOperator } from './size.js';
import { typeOperator } from './type.js';

export type { CompileContext, OperatorFactory } from './operator.js';

/** Every operator a condition may use, by name. */
export const OPERATORS: ReadonlyMap<string, OperatorFactory> = new Map([
  ['$eq', eqOperator],
  ['$ne', neOperator],
  ['$gt', gtOperator],
  ['$gte', gteOperator],
  ['$lt', ltOperator],
  ['$lte', lteOperator],
  ['$in', inOperator],
  ['$nin', ninOperator],
  ['$all', allOperator],
  ['$exists', existsOperator],
  ['$type', typeOperator],
  ['$size', sizeOperator],
  ['$mod', modOperator],
  ['$regex', regexOperator],
  ['$elemMatch', elemMatchOperator],
  ['$allMatch', allMatchOperator],
  ['$keyMapMatch', keyMapMatchOperator],
  ['$and', andOperator],
  ['$or', orOperator],
  ['$nor', norOperator],
  ['$not', notOperator],
]);
