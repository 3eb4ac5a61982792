import { isObject } from './is-object.js';
import { LIST_COMBINATORS } from './operator-names.js';
import { checkDepth } from './selector-error.js';
import { childPosition, type Position } from './selector-position.js';

/** Called on every selector, condition and condition array, before its children are read. */
export type StructureVisitor = (
  node: Record<string, unknown> | unknown[],
  position: Position,
) => void;

/**
 * Visits the structure of a selector depth-first (pre-order): selectors, conditions, and the
 * members of combination operators, but never the operands of value operators (`$eq`, `$in`…),
 * which are data. The visitor may replace a node's children before they are walked.
 * @param node - where to start.
 * @param position - how `node` is read.
 * @param visit - called once per object or array met.
 * @param depth - the nesting level of `node` (guards against runaway nesting).
 */
export function walkStructure(
  node: unknown,
  position: Position,
  visit: StructureVisitor,
  depth = 1,
): void {
  if (!isObject(node)) return;
  checkDepth(depth);
  visit(node, position);
  if (Array.isArray(node)) {
    for (const item of node) walkStructure(item, 'condition', visit, depth + 1);
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    const inner = childPosition(key, position);
    if (inner === undefined) continue;
    if (LIST_COMBINATORS.has(key) && Array.isArray(value)) {
      for (const member of value) walkStructure(member, inner, visit, depth + 1);
    } else {
      walkStructure(value, inner, visit, depth + 1);
    }
  }
}
