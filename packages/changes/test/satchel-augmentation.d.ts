/*
 * Test-only stand-in for the `SatchelPlugins` hook core does not have yet: merges the plugin's
 * methods straight into the Satchel class through its source path (valid inside the monorepo
 * only, which is why it is not shipped in src).
 */
import type { ChangesMethods } from '../src/index.js';

declare module '../../core/src/satchel/satchel.js' {
  interface Satchel extends ChangesMethods {}
}
