/**
 * `@satchel/selector`: Mango selector validation and in-memory matching, with
 * pouchdb-selector-core 9's answers. No I/O; used by changes (`_selector` filters), replication
 * (`selector` option) and mango (`find`).
 *
 * @packageDocumentation
 */

export { compileCondition, compileRowFilter } from './compile.js';
export { getFieldFromDoc, parseField, setFieldInDoc } from './field-path.js';
export { compare, createFieldSorter, sortField } from './field-sorter.js';
export { filterInMemoryFields, rowFilter } from './filter-in-memory.js';
export { getKey, getValue } from './first-key.js';
export { massageSelector } from './massage-selector.js';
export { compileSelector, matchesSelector } from './matches-selector.js';
export { mergeAndedSelectors } from './merge-anded-selectors.js';
export { TYPE_NAMES } from './operand-checks.js';
export {
  COMBINATION_OPERATORS,
  CONDITION_OPERATORS,
  isCombinationalField,
} from './operator-names.js';
export { MAX_SELECTOR_DEPTH, selectorError } from './selector-error.js';
export type {
  DocRow,
  DocumentTest,
  InMemoryRequest,
  MassagedSelector,
  Selector,
  SortEntry,
  ValueTest,
} from './types.js';
export { type ValidateSelectorOptions, validateSelector } from './validate-selector.js';
