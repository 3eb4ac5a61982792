import { collate } from '@satchel/core';
import { isPresent, type OperatorFactory } from './operator.js';

function listOf(operand: unknown): readonly unknown[] {
  return Array.isArray(operand) ? operand : [];
}

/** True when `value` (or, for an array, one of its items) collates equal to a listed value. */
function containsAny(value: unknown, candidates: readonly unknown[]): boolean {
  return candidates.some((candidate) =>
    Array.isArray(value)
      ? value.some((item) => collate(candidate, item) === 0)
      : collate(candidate, value) === 0,
  );
}

/** `$in`: the field is present (not null) and it, or one of its items, is in the list. */
export const inOperator: OperatorFactory = (operand) => {
  const candidates = listOf(operand);
  return (value) => isPresent(value) && containsAny(value, candidates);
};

/** `$nin`: the field is present (not null) and neither it nor any of its items is in the list. */
export const ninOperator: OperatorFactory = (operand) => {
  const candidates = listOf(operand);
  return (value) => isPresent(value) && !containsAny(value, candidates);
};

/** `$all`: the field is an array holding every listed value (any array passes an empty list). */
export const allOperator: OperatorFactory = (operand) => {
  const required = listOf(operand);
  return (value) =>
    Array.isArray(value) &&
    required.every((wanted) => value.some((item) => collate(wanted, item) === 0));
};
