// One registry per process: a plugin registered on what `require('@satchel/node')` returns is on
// the constructor `import` gives too, because both are the same object.
import { createRequire } from 'node:module';
import Satchel from '@satchel/node';

const require = createRequire(import.meta.url);
const required: typeof Satchel = require('@satchel/node');
required.plugin({
  shout(this: { name: string }): string {
    return this.name.toUpperCase();
  },
});

const db = new Satchel('registry', { adapter: 'memory' }) as Satchel & { shout(): string };
console.log(JSON.stringify({ same: required === Satchel, shout: db.shout() }));
await db.destroy();
