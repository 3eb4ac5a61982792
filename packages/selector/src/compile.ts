import { getFieldFromDoc, parseField } from './field-path.js';
import { isObject } from './is-object.js';
import { isOperatorKey, unknownOperatorError } from './operator-names.js';
import { equals } from './operators/comparison.js';
import { type CompileContext, OPERATORS } from './operators/index.js';
import { checkDepth } from './selector-error.js';
import type { DocumentTest, ValueTest } from './types.js';

const alwaysTrue = (): boolean => true;

/**
 * Compiles the `fields` of a massaged selector into one document test, with the semantics of
 * pouchdb-selector-core 9's `rowFilter`: `$or`, `$nor` and `$not` are logic, `$and` (left only
 * where PouchDB cannot handle it) requires every member, and every other key is a field path
 * whose value must pass the key's condition. A listed field the selector does not have passes
 * (it is only there for sorting).
 * @param selector - a massaged selector.
 * @param fields - the keys to test (all of them for plain matching).
 */
export function compileRowFilter(selector: unknown, fields: readonly string[]): DocumentTest {
  return new Compiler().rowFilter(selector, fields, 1);
}

/**
 * Compiles a condition with the semantics of pouchdb-selector-core 9's `matchSelector`:
 * - a falsy condition (`null`, `0`, `''`, `false`, as left unmassaged inside nested `$or`,
 *   `$not`, `$elemMatch` or sub-fields) passes everything: a PouchDB quirk kept on purpose;
 * - another literal passes only the identical (`===`) value;
 * - an object (or array, read by index) requires every key: `$`-keys are operators, others are
 *   sub-field paths whose value must pass the nested condition (a literal there means `$eq`).
 * @param matcher - the condition.
 */
export function compileCondition(matcher: unknown): ValueTest {
  return new Compiler().condition(matcher, 1);
}

/**
 * One compilation. Each selector object is compiled at most once per reading (as a selector, as
 * a condition), so the two readings of `$elemMatch` operands share their parts instead of
 * doubling at every level.
 */
class Compiler {
  private readonly conditions = new Map<object, ValueTest>();
  private readonly selectors = new Map<object, DocumentTest>();

  rowFilter(selector: unknown, fields: readonly string[], depth: number): DocumentTest {
    checkDepth(depth);
    const source = isObject(selector) ? selector : {};
    const tests: DocumentTest[] = [];
    for (const field of fields) {
      const matcher = Object.hasOwn(source, field) ? source[field] : undefined;
      tests.push(this.entry(field, matcher, depth));
    }
    return everyOf(tests);
  }

  /** A selector tested on all its keys (a member of `$or`, the operand of `$not`…). */
  wholeSelector(selector: unknown, depth: number): DocumentTest {
    if (!isObject(selector)) return alwaysTrue;
    let test = this.selectors.get(selector);
    if (test === undefined) {
      test = this.rowFilter(selector, Object.keys(selector), depth);
      this.selectors.set(selector, test);
    }
    return test;
  }

  condition(matcher: unknown, depth: number): ValueTest {
    if (!matcher) return alwaysTrue;
    if (!isObject(matcher)) return (value) => value === matcher;
    let test = this.conditions.get(matcher);
    if (test === undefined) {
      test = this.objectCondition(matcher, depth);
      this.conditions.set(matcher, test);
    }
    return test;
  }

  private entry(field: string, matcher: unknown, depth: number): DocumentTest {
    switch (field) {
      case '$or':
        return someOf(this.members(matcher, depth));
      case '$nor':
        return not(someOf(this.members(matcher, depth)));
      case '$and':
        return everyOf(this.members(matcher, depth));
      case '$not':
        return not(this.wholeSelector(matcher, depth + 1));
      default: {
        const path = parseField(field);
        const condition = this.condition(matcher, depth + 1);
        return (doc) => condition(getFieldFromDoc(doc, path));
      }
    }
  }

  private members(list: unknown, depth: number): DocumentTest[] {
    const tests: DocumentTest[] = [];
    if (!Array.isArray(list)) return tests;
    for (const member of list as unknown[]) tests.push(this.wholeSelector(member, depth + 1));
    return tests;
  }

  private objectCondition(matcher: Record<string, unknown>, depth: number): ValueTest {
    checkDepth(depth);
    const context = this.contextAt(depth);
    const tests: ValueTest[] = [];
    for (const key of Object.keys(matcher)) {
      const operand = matcher[key];
      tests.push(
        isOperatorKey(key) ? operator(key, operand, context) : this.subField(key, operand, depth),
      );
    }
    return everyOf(tests);
  }

  private subField(key: string, operand: unknown, depth: number): ValueTest {
    const path = parseField(key);
    if (isObject(operand) || operand === null) {
      const condition = this.condition(operand, depth + 1);
      return (value) => condition(getFieldFromDoc(value, path));
    }
    return (value) => value !== undefined && equals(getFieldFromDoc(value, path), operand);
  }

  private contextAt(depth: number): CompileContext {
    return {
      condition: (matcher) => this.condition(matcher, depth + 1),
      selector: (selector) => this.wholeSelector(selector, depth + 1),
    };
  }
}

function operator(name: string, operand: unknown, context: CompileContext): ValueTest {
  const factory = OPERATORS.get(name);
  if (factory === undefined) throw unknownOperatorError(name);
  return factory(operand, context);
}

function everyOf<T extends (input: unknown) => boolean>(tests: readonly T[]): T {
  if (tests.length === 1) return tests[0]!;
  return ((input: unknown) => {
    for (const test of tests) if (!test(input)) return false;
    return true;
  }) as T;
}

function someOf(tests: readonly DocumentTest[]): DocumentTest {
  return (doc) => {
    for (const test of tests) if (test(doc)) return true;
    return false;
  };
}

function not(test: DocumentTest): DocumentTest {
  return (doc) => !test(doc);
}
