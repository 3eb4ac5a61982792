#!/usr/bin/env node
// Plain JavaScript on purpose: it runs from package scripts, before anything is compiled.

/**
 * `satchel-check-package`: checks the package in the current directory as npm users get it.
 * Packs it with pnpm (so `publishConfig` applies), then runs `@arethetypeswrong/cli` on the
 * tarball (types resolve and match the JavaScript under node10, node16 CJS and ESM and bundler
 * resolution) and `publint --strict` on its files, and checks that every name its declaration
 * files export carries a TSDoc comment and that they load in TypeScript before 5.7. Prints one
 * line when all are clean; their full report and a non-zero exit otherwise.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { packPackage } from './pack.js';

/** A dependency's command, as pnpm links it into this package's node_modules/.bin. */
function binOf(name) {
  return fileURLToPath(new URL(`./node_modules/.bin/${name}`, import.meta.url));
}

/** Runs a command; when it fails, prints what it said and returns false. */
function check(label, command, args) {
  try {
    execFileSync(command, args, { encoding: 'utf8', stdio: 'pipe' });
    return true;
  } catch (err) {
    process.stdout.write(`${err.stdout ?? ''}${err.stderr ?? ''}`);
    console.error(`${label} found problems in ${name}`);
    return false;
  }
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const { name } = manifest;

/** `exports` as published: the development-only `satchel-source` condition dropped. */
function publishedExports(exports) {
  return JSON.parse(JSON.stringify(exports), (key, value) =>
    key === 'satchel-source' ? undefined : value,
  );
}

/** Where every package says it comes from: one repository, each package in its own folder. */
const repository = 'git+https://github.com/satchel-db/satchel.git';

/** What npm users see of the package besides its code; each a message when missing or wrong. */
function metadataProblems() {
  const problems = [];
  for (const field of ['description', 'license', 'homepage', 'keywords', 'engines']) {
    if (!manifest[field] || (Array.isArray(manifest[field]) && !manifest[field].length)) {
      problems.push(`no "${field}"`);
    }
  }
  if (!existsSync('LICENSE')) problems.push('no LICENSE file');
  if (manifest.repository?.url !== repository) problems.push(`repository.url is not ${repository}`);
  if (!manifest.repository?.directory) problems.push('no repository.directory');
  if (!manifest.bugs?.url) problems.push('no bugs.url');
  if (!manifest.engines?.node) problems.push('no engines.node');
  if (manifest.files?.some((entry) => /^\.?\/?src\b/.test(entry))) problems.push('ships src/');
  return problems;
}

const problems = metadataProblems();
if (problems.length) {
  console.error(`${name}: ${problems.join('; ')}`);
  process.exit(1);
}

// pnpm publishes `publishConfig.exports` in place of `exports`: the two must not drift apart.
const expected = JSON.stringify(publishedExports(manifest.exports));
if (JSON.stringify(manifest.publishConfig?.exports) !== expected) {
  console.error(
    `${name}: publishConfig.exports must be exports without satchel-source:\n${expected}`,
  );
  process.exit(1);
}
/** Every declaration file `exports` names (its `types` conditions). */
function typesFiles(exports) {
  if (!exports || typeof exports !== 'object') return [];
  return Object.entries(exports).flatMap(([key, value]) =>
    key === 'types' && typeof value === 'string' ? [value] : typesFiles(value),
  );
}

/**
 * The names the package's declaration files export without a TSDoc comment, as `name (file)`.
 * Names re-exported from other packages are left to the package that declares them.
 */
function undocumentedExports(dir, exports) {
  const files = [...new Set(typesFiles(exports))].map((file) => resolve(dir, file));
  const program = ts.createProgram(files, {
    noEmit: true,
    types: [],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
  });
  const checker = program.getTypeChecker();
  const own = `${resolve(dir)}/`;
  const missing = new Set();
  for (const file of files) {
    const source = program.getSourceFile(file);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) continue;
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declarations = symbol.declarations ?? [];
      if (!declarations.some((d) => d.getSourceFile().fileName.startsWith(own))) continue;
      if (!symbol.getDocumentationComment(checker).length) {
        missing.add(`${exported.name} (${relative(dir, file)})`);
      }
    }
  }
  return [...missing];
}

/** Types TypeScript 5.7 made generic: a type argument on one breaks older compilers. */
const newlyGeneric = new Set([
  'ArrayBuffer',
  'Buffer',
  'DataView',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
]);

/**
 * Where the package's declaration files give one of {@link newlyGeneric} a type argument, as
 * `file: text`. TypeScript 5.7+ writes the inferred `Uint8Array<ArrayBufferLike>` into them,
 * which TypeScript before 5.7 refuses ("Type 'Uint8Array' is not generic") for users without
 * `skipLibCheck`: such a member must be typed by hand.
 */
function newlyGenericUses(dir) {
  const found = [];
  for (const file of readdirSync(join(dir, 'dist'), { recursive: true, encoding: 'utf8' })) {
    if (!/\.d\.c?ts$/.test(file)) continue;
    const text = readFileSync(join(dir, 'dist', file), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
    const visit = (node) => {
      if (
        ts.isTypeReferenceNode(node) &&
        node.typeArguments?.length &&
        ts.isIdentifier(node.typeName) &&
        newlyGeneric.has(node.typeName.text)
      ) {
        found.push(`dist/${file}: ${node.getText(source)}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

// A package without a `require` condition is ESM only on purpose (e.g. the adapter suite, which
// imports vitest, and vitest cannot be require()d): check it as such.
const esmOnly = !JSON.stringify(manifest.exports).includes('"require"');
const work = mkdtempSync(join(tmpdir(), 'satchel-check-package-'));
try {
  const tarball = packPackage(process.cwd(), work);
  execFileSync('tar', ['-xzf', tarball, '-C', work]);
  const typesOk = check('attw', binOf('attw'), [
    tarball,
    '--format',
    'ascii',
    // `strict` includes node10 (`"moduleResolution": "node"`, still what `"module": "commonjs"`
    // projects get), which ignores `exports`: each subpath needs a `typesVersions` entry.
    '--profile',
    esmOnly ? 'esm-only' : 'strict',
  ]);
  const lintOk = check('publint', binOf('publint'), [
    'run',
    join(work, 'package'),
    '--strict',
    '--pack',
    'false',
  ]);
  const undocumented = undocumentedExports(join(work, 'package'), manifest.publishConfig.exports);
  if (undocumented.length) {
    console.error(`${name}: exports without TSDoc: ${undocumented.join(', ')}`);
  }
  const generic = newlyGenericUses(join(work, 'package'));
  if (generic.length) {
    console.error(`${name}: type arguments TypeScript < 5.7 refuses: ${generic.join(', ')}`);
  }
  if (typesOk && lintOk && !undocumented.length && !generic.length) {
    console.log(`${name}: attw and publint clean, every export documented`);
  } else process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
