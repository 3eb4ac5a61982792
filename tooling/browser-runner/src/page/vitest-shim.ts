/**
 * The slice of vitest's API the suites use (`describe`, `it`, hooks, `expect`), for pages in
 * Chromium. esbuild aliases `vitest` to this module when bundling browser tests, so the very
 * test files vitest runs on Node run unchanged in the browser. `expect` is vitest's own
 * (`@vitest/expect` over chai), not a look-alike.
 */
import {
  ASYMMETRIC_MATCHERS_OBJECT,
  chai,
  getState,
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
  setState,
} from '@vitest/expect';
import { type BrowserTestResult, registry, type TestBody } from './test-registry.js';

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

type Expect = typeof chai.expect & Record<string, unknown>;

function createExpect(): Expect {
  const expect = ((value: unknown, message?: string) => {
    const state = getState(expect as never) as { assertionCalls: number };
    setState({ assertionCalls: state.assertionCalls + 1 }, expect as never);
    return chai.expect(value, message);
  }) as unknown as Expect;
  Object.assign(expect, chai.expect);
  Object.assign(expect, (globalThis as Record<symbol, object>)[ASYMMETRIC_MATCHERS_OBJECT]);
  setState({ assertionCalls: 0, isExpectingAssertions: false }, expect as never);
  return expect;
}

/** vitest's `expect`. */
export const expect = createExpect();

interface ItFn {
  (title: string, body: TestBody, timeout?: number): void;
  skip(title: string, body?: TestBody): void;
  only(title: string, body: TestBody, timeout?: number): void;
}

const itImpl = ((title: string, body: TestBody, timeout?: number) =>
  registry.addTest(title, body, { timeout })) as ItFn;
itImpl.skip = (title) => registry.addTest(title, async () => {}, { skip: true });
itImpl.only = (title, body, timeout) => registry.addTest(title, body, { timeout });

/** Registers a test. */
export const it: ItFn = itImpl;
/** Alias of `it`. */
export const test: ItFn = itImpl;

interface DescribeFn {
  (title: string, body: () => void): void;
  skip(title: string, body: () => void): void;
}
const describeImpl = ((title: string, body: () => void) =>
  registry.describe(title, body, false)) as DescribeFn;
describeImpl.skip = (title, body) => registry.describe(title, body, true);

/** Groups tests. */
export const describe: DescribeFn = describeImpl;

/** Runs once before the tests of the enclosing `describe`. */
export const beforeAll = (fn: TestBody): void => registry.hook('beforeAll', fn);
/** Runs once after the tests of the enclosing `describe`. */
export const afterAll = (fn: TestBody): void => registry.hook('afterAll', fn);
/** Runs before each test of the enclosing `describe`. */
export const beforeEach = (fn: TestBody): void => registry.hook('beforeEach', fn);
/** Runs after each test of the enclosing `describe`. */
export const afterEach = (fn: TestBody): void => registry.hook('afterEach', fn);

/** Runs every registered test in order; never throws. */
export function runRegisteredTests(
  onResult?: (result: BrowserTestResult) => void,
): Promise<BrowserTestResult[]> {
  return registry.run(onResult);
}

export type { BrowserTestResult };
