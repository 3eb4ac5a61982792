import type { ViteUserConfig } from 'vitest/config';

/** Base vitest config for Satchel packages (see vitest.js). */
export function satchelVitest(overrides?: ViteUserConfig): ViteUserConfig;
