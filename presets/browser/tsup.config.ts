import { satchelTsup } from '@satchel/tsconfig/tsup';
import { defineConfig } from 'tsup';
import { inlineLazyImports } from './inline-lazy-imports.js';

/** Resolved like a browser bundler would: the `browser` condition, no Node built-ins. */
const browser = { platform: 'browser' as const, target: 'es2022' };

export default defineConfig([
  // ESM + types for bundlers (the `browser` and `import` conditions).
  satchelTsup({ ...browser, format: ['esm'], noExternal: [] }),
  // A script-tag build for pages without a bundler: everything inlined, `window.Satchel`.
  satchelTsup({
    ...browser,
    entry: { 'satchel.min': 'src/script-tag.ts' },
    format: ['iife'],
    dts: false,
    clean: false,
    minify: true,
    sourcemap: true,
    noExternal: [/.*/],
    outExtension: () => ({ js: '.js' }),
    // One file anyway: code loaded on first use elsewhere is imported statically here.
    esbuildPlugins: [inlineLazyImports],
    esbuildOptions(options) {
      options.conditions = ['browser', 'import'];
    },
  }),
]);
