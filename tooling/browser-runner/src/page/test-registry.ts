/** The test context vitest passes to a test body: here just `skip`. */
export interface TestContext {
  /** Ends the test as skipped, with a note. */
  skip(note?: string): never;
}

/** A test or hook body. */
export type TestBody = (ctx: TestContext) => unknown;

/** Thrown by `ctx.skip()`: the test ends as skipped. */
class SkipSignal extends Error {}

const context: TestContext = {
  skip(note) {
    throw new SkipSignal(note ?? 'skipped');
  },
};

/** The outcome of one test run in the page, as sent back to Node. */
export interface BrowserTestResult {
  /** `describe` titles and the test's title, joined with ' > '. */
  name: string;
  state: 'pass' | 'fail' | 'skip';
  /** The error's message and stack, when it failed. */
  error?: string;
  durationMs: number;
}

type HookKind = 'beforeAll' | 'afterAll' | 'beforeEach' | 'afterEach';

interface TestEntry {
  kind: 'test';
  title: string;
  body: TestBody;
  skip: boolean;
  timeout: number;
}

interface Suite {
  kind: 'suite';
  title: string;
  skip: boolean;
  children: (Suite | TestEntry)[];
  hooks: Record<HookKind, TestBody[]>;
}

const DEFAULT_TIMEOUT_MS = 30_000;

function newSuite(title: string, skip: boolean): Suite {
  return {
    kind: 'suite',
    title,
    skip,
    children: [],
    hooks: { beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] },
  };
}

function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.message}\n${err.stack ?? ''}`;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}

async function withTimeout(body: TestBody, ms: number, what: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    await Promise.race([Promise.resolve().then(() => body(context)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Collects `describe`/`it`/hooks at load time and runs them in declaration order. */
class TestRegistry {
  readonly #root = newSuite('', false);
  #current = this.#root;

  describe(title: string, body: () => void, skip: boolean): void {
    const suite = newSuite(title, skip || this.#current.skip);
    this.#current.children.push(suite);
    const parent = this.#current;
    this.#current = suite;
    try {
      body();
    } finally {
      this.#current = parent;
    }
  }

  addTest(title: string, body: TestBody, opts: { timeout?: number; skip?: boolean }): void {
    this.#current.children.push({
      kind: 'test',
      title,
      body,
      skip: opts.skip === true || this.#current.skip,
      timeout: opts.timeout ?? DEFAULT_TIMEOUT_MS,
    });
  }

  hook(kind: HookKind, fn: TestBody): void {
    this.#current.hooks[kind].push(fn);
  }

  async run(onResult?: (r: BrowserTestResult) => void): Promise<BrowserTestResult[]> {
    const results: BrowserTestResult[] = [];
    const emit = (r: BrowserTestResult) => {
      results.push(r);
      onResult?.(r);
    };
    await this.#runSuite(this.#root, [], [], emit);
    return results;
  }

  async #runSuite(
    suite: Suite,
    path: string[],
    parents: Suite[],
    emit: (r: BrowserTestResult) => void,
  ): Promise<void> {
    const chain = [...parents, suite];
    const titles = suite.title ? [...path, suite.title] : path;
    const active = !suite.skip && hasRunnable(suite);
    let setupError: string | undefined;
    if (active) setupError = await runHooks(suite.hooks.beforeAll, 'beforeAll');
    for (const child of suite.children) {
      if (child.kind === 'suite') {
        await this.#runSuite(child, titles, chain, emit);
        continue;
      }
      const name = [...titles, child.title].join(' > ');
      if (child.skip) {
        emit({ name, state: 'skip', durationMs: 0 });
        continue;
      }
      if (setupError !== undefined) {
        emit({ name, state: 'fail', error: `beforeAll failed: ${setupError}`, durationMs: 0 });
        continue;
      }
      emit(await runOne(child, name, chain));
    }
    if (active) await runHooks(suite.hooks.afterAll, 'afterAll');
  }
}

function hasRunnable(suite: Suite): boolean {
  return suite.children.some((c) => (c.kind === 'suite' ? hasRunnable(c) : !c.skip));
}

async function runHooks(hooks: TestBody[], what: string): Promise<string | undefined> {
  for (const hook of hooks) {
    try {
      await withTimeout(hook, DEFAULT_TIMEOUT_MS, what);
    } catch (err) {
      return describeError(err);
    }
  }
  return undefined;
}

async function runOne(test: TestEntry, name: string, chain: Suite[]): Promise<BrowserTestResult> {
  const started = performance.now();
  let error: string | undefined;
  let skipped: string | undefined;
  for (const suite of chain) {
    error ??= await runHooks(suite.hooks.beforeEach, 'beforeEach');
  }
  if (error === undefined) {
    try {
      await withTimeout(test.body, test.timeout, 'test');
    } catch (err) {
      if (err instanceof SkipSignal) skipped = err.message;
      else error = describeError(err);
    }
  }
  for (const suite of [...chain].reverse()) {
    const hookError = await runHooks(suite.hooks.afterEach, 'afterEach');
    error ??= hookError;
  }
  const durationMs = Math.round(performance.now() - started);
  if (skipped !== undefined && error === undefined) {
    return { name: `${name} [${skipped}]`, state: 'skip', durationMs };
  }
  return error === undefined
    ? { name, state: 'pass', durationMs }
    : { name, state: 'fail', error, durationMs };
}

/** The page's one registry (a page runs one bundle of tests). */
export const registry = new TestRegistry();
