#!/usr/bin/env node
// Plain JavaScript on purpose: it runs right after tsup, before anything is compiled.

/**
 * Gives a package's CommonJS build PouchDB's shape, after tsup has written dist/:
 *
 * `satchel-finish-build --cjs-default function|class [--esm-wraps-cjs]`
 *
 * - `--cjs-default`: `require('@satchel/x')` returns the package's default export itself (the
 *   plugin function, or the Satchel class for a preset), as `require('pouchdb-adapter-memory')`
 *   does, with the named exports as its properties. tsup's CommonJS build moves to
 *   `index-api.cjs`; `index.cjs` re-exports it in that shape, and `index.d.cts` declares it with
 *   `export =`: a function or class merged with a namespace that re-exports every named export.
 * - `--esm-wraps-cjs`: `dist/index.js` re-exports the CommonJS build, so `import` and `require`
 *   share one copy of the code and so one plugin registry per process (no dual-package hazard).
 * - always: `type` modifiers on re-exports of interfaces and type aliases are dropped from the
 *   declaration files. They mean nothing in a .d.ts, but TypeScript refuses an `export import`
 *   alias (what the `export =` namespaces above are made of) through a name exported with
 *   `type`, which users without `skipLibCheck` would see as errors inside our packages.
 */
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import ts from 'typescript';

const { values } = parseArgs({
  options: {
    'cjs-default': { type: 'string' },
    'esm-wraps-cjs': { type: 'boolean', default: false },
  },
});
const dist = resolve('dist');
const kind = values['cjs-default'];
if (kind) {
  if (kind !== 'function' && kind !== 'class') {
    throw new Error(`--cjs-default must be "function" or "class", got ${kind}`);
  }
  shapeCommonJs(kind);
}
if (values['esm-wraps-cjs']) wrapCommonJs();
for (const file of readdirSync(dist)) {
  if (/\.d\.c?ts$/.test(file)) dropTypeModifiers(`${dist}/${file}`);
}

/** Names a declaration file declares as values (classes, functions, variables, enums). */
function valueNames(source) {
  const names = new Set();
  for (const statement of source.statements) {
    if (
      (ts.isClassDeclaration(statement) ||
        ts.isFunctionDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      names.add(statement.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        if (ts.isIdentifier(decl.name)) names.add(decl.name.text);
      }
    }
  }
  return names;
}

/**
 * Drops `type` from `export { type X }` where `X` is no value declared in the file (an interface,
 * a type alias, or an import, whose own file decides). A class or function exported with `type`
 * keeps it: that one is meant to be usable as a type only.
 */
function dropTypeModifiers(file) {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
  const values = valueNames(source);
  const cuts = [];
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement) || statement.moduleSpecifier) continue;
    const clause = statement.exportClause;
    if (!clause || !ts.isNamedExports(clause) || statement.isTypeOnly) continue;
    for (const element of clause.elements) {
      const local = (element.propertyName ?? element.name).text;
      if (!element.isTypeOnly || values.has(local)) continue;
      const start = element.getStart(source);
      cuts.push([start, text.indexOf(local, start)]);
    }
  }
  if (!cuts.length) return;
  let out = text;
  for (const [start, end] of cuts.reverse()) out = out.slice(0, start) + out.slice(end);
  writeFileSync(file, out);
}

/** Every name a declaration file exports, from its `export {…}` statements. */
function exportedNames(dtsText) {
  const source = ts.createSourceFile('index.d.ts', dtsText, ts.ScriptTarget.Latest);
  const names = [];
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement)) continue;
    const clause = statement.exportClause;
    if (!clause || !ts.isNamedExports(clause)) {
      throw new Error('finish-build: `export *` in index.d.ts cannot be re-exported by name');
    }
    for (const element of clause.elements) names.push(element.name.text);
  }
  return names;
}

/** Whether tsup's CommonJS build exports an ES module's namespace (rather than its default). */
function exportsNamespace(cjsText) {
  return cjsText.includes("Object.defineProperty(exports, '__esModule', { value: true });");
}

function shapeCommonJs(kind) {
  // Rollup already makes a module whose only value export is the default `module.exports =`.
  if (exportsNamespace(readFileSync(`${dist}/index.cjs`, 'utf8'))) {
    renameSync(`${dist}/index.cjs`, `${dist}/index-api.cjs`);
    writeFileSync(
      `${dist}/index.cjs`,
      `'use strict';
// require() gives the default export itself, as PouchDB's packages do; named exports hang off it.
const { default: main, ...named } = require('./index-api.cjs');
module.exports = Object.assign(main, named);
`,
    );
  }
  const dts = readFileSync(`${dist}/index.d.ts`, 'utf8');
  // Names exported with `type` cannot be re-exported through `export import`: drop the
  // modifier (a declaration file has no runtime, so it changes nothing else).
  const apiDts = dts.replace(
    /export (?:type )?\{([^}]*)\}/g,
    (_, body) => `export {${body.replace(/\btype\s+/g, '')}}`,
  );
  // Its relative imports must reach the CommonJS declaration files (`./browser.js` would load
  // `browser.d.ts`, an ES module whose `declare module '@satchel/core'` augments the ESM types,
  // not the ones CommonJS users get).
  writeFileSync(`${dist}/index-api.d.cts`, apiDts.replace(/(from\s+'\.\/[^']+)\.js'/g, "$1.cjs'"));
  const names = exportedNames(dts);
  if (!names.includes('default')) throw new Error('finish-build: index.d.ts has no default export');
  const aliases = names
    .filter((name) => name !== 'default')
    .map((name) => `  export import ${name} = api.${name};`)
    .join('\n');
  writeFileSync(`${dist}/index.d.cts`, commonJsDeclaration(kind, dts, aliases));
}

/**
 * `index.d.cts`: the default export as `export =`, merged with a namespace of the named exports.
 * It is named as users know it, so their type errors and hovers read `Satchel<Todo>` or
 * `installMango(…)`, not a made-up name. A preset's default (`kind` "class") is declared as a
 * class (a constant cannot merge with a namespace of `export import`s): its instances type as
 * `Satchel<Todo>`, and `Satchel<Todo>` names the database type, as `import` gives it.
 */
function commonJsDeclaration(kind, dts, aliases) {
  const doc =
    '/** The default export, which is what `require()` returns (see the package README). */';
  if (kind === 'class') {
    return `import * as api from './index-api.cjs';
${doc}
declare class Satchel<Content extends object = object> extends api.default<Content> {}
declare namespace Satchel {
${aliases}
}
export = Satchel;
`;
  }
  const name = defaultLocalName(dts);
  return `import * as api from './index-api.cjs';
${doc}
declare function ${name}(...args: Parameters<typeof api.default>): ReturnType<typeof api.default>;
declare namespace ${name} {
${aliases}
}
export = ${name};
`;
}

/**
 * The name users know the default export by: the one it is declared under in `index.d.ts`
 * (`export { x as default }`), else a named export it is also (`export { default as x }`).
 */
function defaultLocalName(dtsText) {
  const match =
    /\b([A-Za-z_$][\w$]*) as default\b/.exec(dtsText) ??
    /\bdefault as ([A-Za-z_$][\w$]*)/.exec(dtsText);
  if (!match) throw new Error('finish-build: index.d.ts exports its default under no name');
  return match[1];
}

function wrapCommonJs() {
  const api = createRequire(`${dist}/`)('./index.cjs');
  const named = Object.keys(api).filter((name) => name !== 'default');
  const lines = [
    '// The CommonJS build is the only copy of the code: `import` and `require()` share it, and',
    '// with it the plugin registry (a plugin registered through require() is seen by import).',
    "import main from './index.cjs';",
    'export default main;',
  ];
  if (named.length) lines.push(`export const { ${named.join(', ')} } = main;`);
  rmSync(`${dist}/index.js.map`, { force: true });
  writeFileSync(`${dist}/index.js`, `${lines.join('\n')}\n`);
}
