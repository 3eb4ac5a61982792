import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Loader, Plugin } from 'esbuild';

/** `import('./x.js')`, `import("@satchel/selector")`: a dynamic import of a literal specifier. */
const LAZY_IMPORT = /\bimport\(\s*(['"])([^'"\s]+)\1\s*\)/g;

const loaders: Record<string, Loader> = { '.js': 'js', '.mjs': 'js', '.ts': 'ts', '.mts': 'ts' };

/**
 * For builds that inline everything into one file (the script-tag build): turns the packages'
 * `import('./x.js')` (or of a package) of code loaded on first use into a static import of the same module,
 * answered at once (`Promise.resolve(namespace)`). Inlined as they are, esbuild would wrap each
 * such module, and everything it imports, in a lazy initialiser, which costs bytes and gains
 * nothing when the code is in the file anyway. Callers see the same promise of the same
 * namespace; the modules, which only define functions and classes, are evaluated at load.
 * Only the workspace's own files are touched.
 */
export const inlineLazyImports: Plugin = {
  name: 'inline-lazy-imports',
  setup(build) {
    build.onLoad({ filter: /\.m?[jt]s$/ }, async (args) => {
      if (args.path.includes('/node_modules/') || args.path.endsWith('.d.ts')) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import(')) return undefined;
      const statics: string[] = [];
      const contents = source.replace(LAZY_IMPORT, (_match, quote: string, path: string) => {
        const name = `__inlinedLazyImport${statics.length}`;
        statics.push(`import * as ${name} from ${quote}${path}${quote};`);
        return `Promise.resolve(${name})`;
      });
      if (statics.length === 0) return undefined;
      const extension = args.path.slice(args.path.lastIndexOf('.'));
      return {
        contents: `${statics.join('\n')}\n${contents}`,
        loader: loaders[extension] ?? 'js',
        resolveDir: dirname(args.path),
      };
    });
  },
};
