import { isObject, isRecord } from './is-object.js';
import { selectorError } from './selector-error.js';

/** The type names `$type` accepts. */
export const TYPE_NAMES: readonly string[] = [
  'null',
  'boolean',
  'number',
  'string',
  'array',
  'object',
];

const LIST_OPERANDS = new Set(['$in', '$nin', '$or', '$and', '$mod', '$nor', '$all']);
const OBJECT_OPERANDS = new Set(['$not', '$elemMatch', '$allMatch', '$keyMapMatch']);

/** A problem found in an operand: the message and whether to append what was received. */
interface Problem {
  message: string;
  received: unknown;
  showReceived: boolean;
}

/**
 * Checks the operand of operator `name` the way pouchdb-find 9 does before a local `find`, and
 * throws the same message (as a 400 `bad_request`): e.g. `$in` needs an array, `$regex` a
 * string or RegExp, `$size` an integer, `$type` one of {@link TYPE_NAMES}, `$mod` a
 * `[divisor, remainder]` pair of integers with a non-zero divisor, `$exists` a boolean, `$not`,
 * `$elemMatch` and `$allMatch` an object. `$keyMapMatch`, which pouchdb-find does not know, must
 * be an object too. Other names pass.
 * @param name - the key being checked (checked wherever it appears, as pouchdb-find does).
 * @param value - its operand.
 * @param remote - pouchdb-find's http rules: `$regex` must be a string.
 */
export function checkOperand(name: string, value: unknown, remote = false): void {
  const problem = findProblem(name, value, remote);
  if (problem === undefined) return;
  const suffix = problem.showReceived
    ? ` Received${receivedType(problem.received)}: ${show(problem.received)}`
    : '';
  throw selectorError(problem.message + suffix);
}

function findProblem(name: string, value: unknown, remote: boolean): Problem | undefined {
  let problem: Problem | undefined;
  const flag = (message: string, received: unknown = value, showReceived = true): void => {
    problem = { message, received, showReceived };
  };
  if (LIST_OPERANDS.has(name) && !Array.isArray(value)) {
    flag(`Query operator ${name} must be an array.`);
  }
  if (OBJECT_OPERANDS.has(name) && !isRecord(value)) {
    flag(`Query operator ${name} must be an object.`);
  }
  if (name === '$mod' && Array.isArray(value)) checkMod(value, flag);
  if (name === '$exists' && typeof value !== 'boolean') {
    flag('Query operator $exists must be a boolean.');
  }
  if (name === '$type' && !(typeof value === 'string' && TYPE_NAMES.includes(value))) {
    flag(`Query operator $type must be a string. Supported values: ${typeList()}.`);
  }
  if (name === '$size' && !isParsedInteger(value)) {
    flag('Query operator $size must be a integer.');
  }
  if (name === '$regex' && typeof value !== 'string') {
    if (remote) flag('Query operator $regex must be a string.');
    else if (!(value instanceof RegExp)) {
      flag(
        'Query operator $regex must be a string or an instance of a javascript regular expression.',
      );
    }
  }
  return problem;
}

type Flag = (message: string, received?: unknown, showReceived?: boolean) => void;

/** pouchdb-find's `$mod` rules; like there, a later failed rule replaces an earlier message. */
function checkMod(value: readonly unknown[], flag: Flag): void {
  if (value.length !== 2) {
    flag(
      'Query operator $mod must be in the format [divisor, remainder], ' +
        'where divisor and remainder are both integers.',
    );
    return;
  }
  const [divisor, remainder] = value;
  // Once the divisor is 0, pouchdb-find shows no received value, under a later message too.
  const showReceived = divisor !== 0;
  if (!showReceived) {
    flag("Query operator $mod's divisor cannot be 0, cannot divide by zero.", divisor, false);
  }
  if (typeof divisor !== 'number' || !isParsedInteger(divisor)) {
    flag("Query operator $mod's divisor is not an integer.", divisor, showReceived);
  }
  if (!isParsedInteger(remainder)) {
    flag("Query operator $mod's remainder is not an integer.", remainder, showReceived);
  }
}

/**
 * PouchDB's integer test, `parseInt(x, 10) === x`: true for integers whose decimal form has no
 * exponent (so `1e21` fails), false for everything else.
 * @param value - any value.
 */
export function isParsedInteger(value: unknown): boolean {
  // parseInt returns a number, so only a number can equal it: test that first, which also spares
  // converting objects that have no string form.
  return typeof value === 'number' && Number.parseInt(String(value), 10) === value;
}

function typeList(): string {
  const quoted = TYPE_NAMES.map((name) => `"${name}"`);
  return `${quoted.slice(0, -1).join(', ')}, or ${quoted[quoted.length - 1]}`;
}

/** `' array'`, `' number'`… as pouchdb-find writes the received type (`' '` for null). */
function receivedType(received: unknown): string {
  if (received === null) return ' ';
  return Array.isArray(received) ? ' array' : ` ${typeof received}`;
}

/** Objects as tab-indented JSON, anything else as a string, as pouchdb-find shows them. */
function show(received: unknown): string {
  if (!isObject(received)) return String(received);
  try {
    return JSON.stringify(received, null, '\t');
  } catch {
    return String(received);
  }
}
