import { satchelTsup } from '@satchel/tsconfig/tsup';
import { defineConfig } from 'tsup';

// cjsInterop: `require('@satchel/node')` returns the constructor itself, as `require('pouchdb')` does.
export default defineConfig(satchelTsup({ cjsInterop: true }));
