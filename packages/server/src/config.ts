import { readFileSync } from 'node:fs';
import type { ServerOptions } from './options.js';

/**
 * Server options from a JSON config file (any {@link ServerOptions} field) and the environment:
 * `SATCHEL_ADMINS="alice:secret,bob:pw"` adds admins, `SATCHEL_SECRET` signs cookies. The
 * environment wins over the file, so secrets need not be written to disk.
 */
export function loadConfig(file?: string, env: NodeJS.ProcessEnv = process.env): ServerOptions {
  const fromFile = file ? (JSON.parse(readFileSync(file, 'utf8')) as ServerOptions) : {};
  const admins = { ...(fromFile.admins ?? {}) };
  for (const pair of (env.SATCHEL_ADMINS ?? '').split(',')) {
    const cut = pair.indexOf(':');
    if (cut > 0) admins[pair.slice(0, cut).trim()] = pair.slice(cut + 1);
  }
  return {
    ...fromFile,
    admins,
    ...(env.SATCHEL_SECRET ? { secret: env.SATCHEL_SECRET } : {}),
  };
}
