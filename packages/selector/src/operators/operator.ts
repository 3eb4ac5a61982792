import type { DocumentTest, ValueTest } from '../types.js';

/** What an operator may compile beneath itself, one nesting level deeper. */
export interface CompileContext {
  /** Compiles a condition (operators and sub-fields) tested against one value. */
  condition(matcher: unknown): ValueTest;
  /** Compiles a selector (field names and combination operators) tested against a document. */
  selector(selector: unknown): DocumentTest;
}

/** Builds the test of one operator from its operand; runs once per compiled selector. */
export type OperatorFactory = (operand: unknown, context: CompileContext) => ValueTest;

/** True for anything but `undefined` and `null`: PouchDB's "the field exists" for most operators. */
export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** The operand as a list (massaged `$ne`/`$regex` are lists already; others are wrapped). */
export function asList(operand: unknown): readonly unknown[] {
  return Array.isArray(operand) ? operand : [operand];
}
