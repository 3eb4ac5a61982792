import { createServer, loadConfig, type ServerAdapter, serverDefaults } from '@satchel/server';

/** Options of {@link serveCommand}. */
export interface ServeOptions {
  port: number;
  host: string;
  /** Where LevelDB databases live; the config file's `dataDir`, else `./data`, when absent. */
  dataDir?: string;
  /** The store; the config file's `adapter`, else `leveldb`, when absent. */
  adapter?: ServerAdapter;
  config?: string;
  out?: NodeJS.WritableStream;
}

/**
 * `satchel serve`: starts the server, prints its URL and how to point PouchDB or Satchel at
 * it, and stops cleanly on SIGINT/SIGTERM. Resolves with a `stop` function.
 */
export async function serveCommand(opts: ServeOptions): Promise<() => Promise<void>> {
  const out = opts.out ?? process.stdout;
  const config = loadConfig(opts.config);
  const dataDir = opts.dataDir ?? config.dataDir ?? serverDefaults.dataDir;
  const adapter = opts.adapter ?? config.adapter ?? serverDefaults.adapter;
  const server = createServer({ ...config, dataDir, adapter });
  const url = await server.listen({ port: opts.port, host: opts.host });
  const where = adapter === 'memory' ? 'in memory' : `LevelDB in ${dataDir}`;
  out.write(
    [
      `Satchel server listening on ${url} (${where})`,
      server.adminParty
        ? 'No admins configured: everyone is admin ("admin party"). Set SATCHEL_ADMINS=name:password to lock it.'
        : 'Admins configured: database creation and _security need an admin login.',
      '',
      'Point PouchDB or Satchel at it:',
      `  const db = new PouchDB('${url}/mydb');   // or: new Satchel('${url}/mydb')`,
      `  localDb.sync('${url}/mydb', { live: true, retry: true });`,
      `  curl ${url}/_all_dbs`,
      '',
    ].join('\n'),
  );
  const stop = () => server.close();
  return stop;
}
