import { it } from 'vitest';
import type { BrowserTestResult } from './page/test-registry.js';

/**
 * Turns results from the page into vitest tests on Node, one per browser test, so failures
 * show up by name in the normal report. Call at the top level of a test file after awaiting
 * the run.
 */
export function reportBrowserResults(results: BrowserTestResult[], prefix = 'chromium'): void {
  if (results.length === 0) {
    it(`${prefix}: ran no tests`, () => {
      throw new Error('the page registered no tests');
    });
  }
  for (const result of results) {
    const title = `${prefix} > ${result.name}`;
    if (result.state === 'skip') {
      it.skip(title, () => {});
      continue;
    }
    it(title, () => {
      if (result.state === 'fail') throw new Error(result.error);
    });
  }
}
