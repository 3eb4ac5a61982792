#!/usr/bin/env node
// Plain JavaScript on purpose: it runs from package scripts, before anything is compiled.

/**
 * `satchel-check-package`: checks the package in the current directory as npm users get it.
 * Packs it with pnpm (so `publishConfig` applies), then runs `@arethetypeswrong/cli` on the
 * tarball (types resolve and match the JavaScript under node16 CJS and ESM and bundler
 * resolution) and `publint --strict` on its files. Prints one line when both are clean; their
 * full report and a non-zero exit otherwise.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
    '--profile',
    esmOnly ? 'esm-only' : 'node16',
  ]);
  const lintOk = check('publint', binOf('publint'), [
    'run',
    join(work, 'package'),
    '--strict',
    '--pack',
    'false',
  ]);
  if (typesOk && lintOk) console.log(`${name}: attw and publint clean`);
  else process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
