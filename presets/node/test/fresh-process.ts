import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const presetDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Runs `script` (an ES module importing `@satchel/node`, the built preset) in a fresh Node
 * process, so that nothing core loads on first use is loaded beforehand, and returns the JSON
 * value its last line of output prints.
 */
export function runInFreshProcess(script: string): unknown {
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: presetDir,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop() as string);
}
