import { readFileSync } from 'node:fs';
import type { ServerOptions } from './options.js';
import { checkServerOptions } from './options-check.js';

/**
 * Server options from a JSON config file (any {@link ServerOptions} field) and the environment:
 * `SATCHEL_ADMINS="alice:secret,bob:pw"` adds admins, `SATCHEL_SECRET` signs cookies. The
 * environment wins over the file, so secrets need not be written to disk. A file that is not
 * JSON or not server options, and a `SATCHEL_ADMINS` that is not `name:password` pairs, throw:
 * read wrongly, either could leave the server without the admins meant to lock it.
 */
export function loadConfig(file?: string, env: NodeJS.ProcessEnv = process.env): ServerOptions {
  const fromFile = file ? readConfigFile(file) : {};
  const admins = { ...(fromFile.admins ?? {}), ...adminsFromEnv(env.SATCHEL_ADMINS) };
  return {
    ...fromFile,
    admins,
    ...(env.SATCHEL_SECRET ? { secret: env.SATCHEL_SECRET } : {}),
  };
}

function readConfigFile(file: string): ServerOptions {
  const where = `config file ${file}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${where}: ${(err as Error).message}`);
  }
  checkServerOptions(parsed, where);
  return parsed as ServerOptions;
}

/** `name:password` pairs separated by commas; blank entries are skipped. */
function adminsFromEnv(value = ''): Record<string, string> {
  const admins: Record<string, string> = {};
  for (const pair of value.split(',')) {
    if (pair.trim() === '') continue;
    const cut = pair.indexOf(':');
    const name = cut > 0 ? pair.slice(0, cut).trim() : '';
    if (name === '' || cut === pair.length - 1) {
      throw new Error(
        `SATCHEL_ADMINS must be name:password pairs separated by commas; "${pair}" is not one`,
      );
    }
    admins[name] = pair.slice(cut + 1);
  }
  return admins;
}
