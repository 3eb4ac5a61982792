import { satchelTsup } from '@satchel/tsconfig/tsup';
import { defineConfig } from 'tsup';

// src/index.ts has only a default export, so esbuild's CJS output is `module.exports =
// Satchel`: `require('@satchel/node')` returns the constructor itself, as `require('pouchdb')`.
export default defineConfig(satchelTsup());
