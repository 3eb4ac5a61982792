#!/usr/bin/env node
// Plain JavaScript on purpose: it runs from the root test script, before anything is built.

/**
 * `satchel-check-changesets`: every `.changeset/*.md` must open with front matter that
 * changesets can read (`---`, one `"package": bump` line per package, `---`) naming packages of
 * this workspace. A formatter once rewrote that front matter into a Markdown heading, which
 * only `changeset version` would have noticed, at release time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const dir = join(root, '.changeset');

/** Names of the workspace's packages, read from each package folder's manifest. */
function workspacePackages() {
  const names = new Set();
  for (const group of ['packages', 'presets', 'tooling', 'examples']) {
    let entries = [];
    try {
      entries = readdirSync(join(root, group), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      try {
        names.add(JSON.parse(readFileSync(join(root, group, entry.name, 'package.json'))).name);
      } catch {
        // a folder without a manifest is not a package
      }
    }
  }
  return names;
}

/** The problems of one changeset's text; empty when changesets can read it. */
function problemsOf(text, known) {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match) return ['no front matter: it must open with --- lines around the releases'];
  const lines = match[1].split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) return ['front matter names no package'];
  const problems = [];
  for (const line of lines) {
    const release = /^(["']?)([^"']+)\1:\s*(major|minor|patch)$/.exec(line.trim());
    if (!release) problems.push(`not a "package": bump line: ${line}`);
    else if (!known.has(release[2])) problems.push(`unknown package ${release[2]}`);
  }
  return problems;
}

const known = workspacePackages();
let failed = false;
for (const file of readdirSync(dir)) {
  if (!file.endsWith('.md') || file === 'README.md') continue;
  for (const problem of problemsOf(readFileSync(join(dir, file), 'utf8'), known)) {
    console.error(`.changeset/${file}: ${problem}`);
    failed = true;
  }
}
if (failed) process.exit(1);
console.log('changesets: front matter readable');
