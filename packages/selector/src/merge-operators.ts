/**
 * How pouchdb-selector-core 9 folds one more operator into the operators already gathered for
 * a field while merging an `$and`. Its rules are kept exactly, quirks included: bounds are
 * compared with JavaScript's `<`/`>` (not collation), so bounds of different types may drop
 * one another; a later `$eq` replaces an earlier one; a `$eq` discards every bound and `$ne`
 * seen so far and makes later bounds ignored; `$ne` and `$regex` accumulate into arrays; any
 * other operator simply overwrites.
 *
 * @packageDocumentation
 */

type FieldOperators = Record<string, unknown>;

/**
 * Folds `operator: value` into `ops` (mutated).
 * @param ops - the field's operators gathered so far.
 * @param operator - the operator met.
 * @param value - its operand.
 */
export function mergeOperator(ops: FieldOperators, operator: string, value: unknown): void {
  switch (operator) {
    case '$gt':
    case '$gte':
      mergeLowerBound(ops, operator, value);
      return;
    case '$lt':
    case '$lte':
      mergeUpperBound(ops, operator, value);
      return;
    case '$eq':
      mergeEq(ops, value);
      return;
    case '$ne':
    case '$regex':
      appendTo(ops, operator, value);
      return;
    default:
      setMember(ops, operator, value);
  }
}

/** JavaScript's own `>`/`<` on any two values, which is what PouchDB compares bounds with. */
function greater(a: unknown, b: unknown): boolean {
  return (a as number) > (b as number);
}

function greaterOrEqual(a: unknown, b: unknown): boolean {
  return (a as number) >= (b as number);
}

function mergeLowerBound(ops: FieldOperators, operator: '$gt' | '$gte', value: unknown): void {
  if (ops.$eq !== undefined) return;
  if (ops.$gte !== undefined) {
    if (operator === '$gte') {
      if (greater(value, ops.$gte)) ops.$gte = value;
    } else if (greaterOrEqual(value, ops.$gte)) {
      delete ops.$gte;
      ops.$gt = value;
    }
  } else if (ops.$gt !== undefined) {
    if (!greater(value, ops.$gt)) return;
    if (operator === '$gte') {
      delete ops.$gt;
      ops.$gte = value;
    } else {
      ops.$gt = value;
    }
  } else {
    ops[operator] = value;
  }
}

function mergeUpperBound(ops: FieldOperators, operator: '$lt' | '$lte', value: unknown): void {
  if (ops.$eq !== undefined) return;
  if (ops.$lte !== undefined) {
    if (operator === '$lte') {
      if (greater(ops.$lte, value)) ops.$lte = value;
    } else if (greaterOrEqual(ops.$lte, value)) {
      delete ops.$lte;
      ops.$lt = value;
    }
  } else if (ops.$lt !== undefined) {
    if (!greater(ops.$lt, value)) return;
    if (operator === '$lte') {
      delete ops.$lt;
      ops.$lte = value;
    } else {
      ops.$lt = value;
    }
  } else {
    ops[operator] = value;
  }
}

function mergeEq(ops: FieldOperators, value: unknown): void {
  delete ops.$gt;
  delete ops.$gte;
  delete ops.$lt;
  delete ops.$lte;
  delete ops.$ne;
  ops.$eq = value;
}

/** Adds `value` to the list under `operator` (`$ne`, `$regex`), starting one if needed. */
function appendTo(ops: FieldOperators, operator: string, value: unknown): void {
  const list = ops[operator];
  if (Array.isArray(list)) list.push(value);
  else ops[operator] = [value];
}

/** Sets an own member even for keys like `__proto__` (never calling a setter). */
export function setMember(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}
