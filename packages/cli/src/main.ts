import { parseArgs } from 'node:util';
import { SERVER_ADAPTERS, type ServerAdapter, serverDefaults } from '@satchel/server';
import { dumpCommand } from './commands/dump.js';
import { loadCommand } from './commands/load.js';
import { replicateCommand } from './commands/replicate.js';
import { serveCommand } from './commands/serve.js';
import { jsonArg, simpleCommands } from './commands/simple.js';

/** The help text. */
export const USAGE = `Usage: satchel <command> [options]

  serve [--port 5984] [--host 127.0.0.1] [--data ./data] [--adapter leveldb|memory] [--config file.json]
  info DB                       database info
  get DB ID                     a document
  put DB '<json doc>'           write a document (no _id: a generated one)
  find DB '<selector json>'     Mango query (a selector, or a full {selector, sort, ...} request)
  query DB DDOC/VIEW ['<options json>']
  replicate SOURCE TARGET [--live]   with progress (docs/s, pending, errors) and a summary
  dump DB > file.ndjson         every revision, conflicts and attachments included
  load DB < file.ndjson         streamed; run again to resume an interrupted load
  compact DB

DB, SOURCE and TARGET are local database names (LevelDB in --data, default ./data) or URLs.
Admins: SATCHEL_ADMINS=name:password (or "admins" in --config).`;

/** IO the commands use (tests pass their own). */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * Runs the CLI with `argv` (without `node` and the script). Resolves the exit code; `serve`
 * resolves once listening and keeps the process alive.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '5984' },
      host: { type: 'string', default: '127.0.0.1' },
      // No defaults here: `serve` takes these from its config file when the flags are absent.
      data: { type: 'string' },
      adapter: { type: 'string' },
      config: { type: 'string' },
      live: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, a, b, c] = positionals;
  const dataGiven = values.data ?? process.env.SATCHEL_DATA;
  const dataDir = dataGiven ?? serverDefaults.dataDir;
  const need = (value: string | undefined, what: string): string => {
    if (!value) throw new Error(`${what} is required\n\n${USAGE}`);
    return value;
  };
  switch (command) {
    case 'serve': {
      const stop = await serveCommand({
        port: portArg(values.port),
        host: values.host,
        ...(dataGiven === undefined ? {} : { dataDir: dataGiven }),
        ...(values.adapter === undefined ? {} : { adapter: adapterArg(values.adapter) }),
        ...(values.config ? { config: values.config } : {}),
        out: io.stdout,
      });
      const shutdown = () => {
        stop().then(() => process.exit(0));
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
      return 0;
    }
    case 'info':
      await simpleCommands.info(need(a, 'DB'), dataDir, io.stdout);
      return 0;
    case 'get':
      await simpleCommands.get(need(a, 'DB'), need(b, 'ID'), dataDir, io.stdout);
      return 0;
    case 'put':
      await simpleCommands.put(need(a, 'DB'), jsonArg('the document', b), dataDir, io.stdout);
      return 0;
    case 'find':
      await simpleCommands.find(need(a, 'DB'), jsonArg('the selector', b), dataDir, io.stdout);
      return 0;
    case 'query':
      await simpleCommands.query(
        need(a, 'DB'),
        need(b, 'DDOC/VIEW'),
        c ? jsonArg('the options', c) : {},
        dataDir,
        io.stdout,
      );
      return 0;
    case 'compact':
      await simpleCommands.compact(need(a, 'DB'), dataDir, io.stdout);
      return 0;
    case 'replicate': {
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      try {
        const summary = await replicateCommand({
          source: need(a, 'SOURCE'),
          target: need(b, 'TARGET'),
          dataDir,
          live: values.live,
          out: io.stderr,
          signal: controller.signal,
        });
        return summary.doc_write_failures > 0 ? 1 : 0;
      } finally {
        process.removeListener('SIGINT', stop);
      }
    }
    case 'dump': {
      const count = await dumpCommand(need(a, 'DB'), dataDir, io.stdout);
      io.stderr.write(`dumped ${count} revisions\n`);
      return 0;
    }
    case 'load': {
      const { loaded, skipped } = await loadCommand(need(a, 'DB'), dataDir, io.stdin);
      io.stderr.write(
        `loaded ${loaded} revisions${skipped ? ` (${skipped} already loaded, skipped)` : ''}\n`,
      );
      return 0;
    }
    default: {
      const asked = values.help || !command;
      const unknown = asked ? '' : `satchel: unknown command "${command}"\n\n`;
      io[asked ? 'stdout' : 'stderr'].write(`${unknown}${USAGE}\n`);
      return asked ? 0 : 2;
    }
  }
}

/** `--port`: a whole number a server can listen on (0 picks a free port). */
function portArg(value: string): number {
  const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(port <= 65535)) {
    throw new Error(`--port must be a whole number from 0 to 65535, not "${value}"`);
  }
  return port;
}

/** `--adapter`: one of the stores `serve` can keep databases in. */
function adapterArg(value: string): ServerAdapter {
  const known = SERVER_ADAPTERS as readonly string[];
  if (!known.includes(value)) {
    const names = SERVER_ADAPTERS.map((name) => `"${name}"`).join(' or ');
    throw new Error(`--adapter must be ${names}, not "${value}"`);
  }
  return value as ServerAdapter;
}
