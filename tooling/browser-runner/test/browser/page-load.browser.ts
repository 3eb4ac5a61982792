// The runner starts tests only once the page has loaded, so no test's synchronous work can
// hold back the load event its navigation waits for.
import { expect, it } from 'vitest';

it('runs once the page has loaded', () => {
  expect(document.readyState).toBe('complete');
});
