import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src/', import.meta.url));

/** Every `index.ts` under src/ (the package's barrels). */
function barrels(): string[] {
  return readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((path) => path === 'index.ts' || path.endsWith('/index.ts'))
    .sort();
}

/**
 * esbuild keeps a barrel that re-exports a used name (`export { x } from './x.js'`) as a module
 * of its own and, splitting chunks, follows every import of it from each chunk that reaches it:
 * a plugin's code loaded on first use that imports one helper from `@satchel/core` would then
 * share most of core with the page in extra chunks, which costs what a page loads up front
 * (presets/browser/test/size.test.ts). Whole-file re-exports (`export *`) and type-only ones
 * have no such cost.
 */
describe("core's barrels re-export whole files", () => {
  it.each(barrels())('%s has no named runtime re-export', (path) => {
    const text = readFileSync(`${src}${path}`, 'utf8');
    const named = [...text.matchAll(/^export \{[^}]*\} from '[^']+';/gm)].map(([m]) => m);
    expect(named).toEqual([]);
  });
});
