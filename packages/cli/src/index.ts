/**
 * `satchel`: the command line (`npx satchel serve`, `replicate`, `dump`, `load`, …), and its
 * commands as functions for scripts.
 *
 * @packageDocumentation
 */
export { type DumpHeader, dumpCommand, dumpLines } from './commands/dump.js';
export { type LoadSummary, loadCommand, loadInto } from './commands/load.js';
export {
  type ReplicateOptions,
  type ReplicateSummary,
  replicateCommand,
} from './commands/replicate.js';
export { type ServeOptions, serveCommand } from './commands/serve.js';
export { type CliIo, main, USAGE } from './main.js';
export { type Progress, ProgressBar, progressLine } from './progress-bar.js';
