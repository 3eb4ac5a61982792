import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type FaultProxy, startFaultProxy } from '@satchel/servers';
import { afterAll, beforeAll } from 'vitest';

/** One request the mock answered: what was asked and how many body bytes went back. */
export interface SeenRequest {
  method: string;
  url: string;
  status: number;
  bytes: number;
}

/** A running google-drive-mock with a request log. */
export interface DriveServer {
  url: string;
  /** A token the mock accepts. */
  token: string;
  /** The requests answered since the start or the last `resetLog()`. */
  requests(): Promise<SeenRequest[]>;
  resetLog(): Promise<void>;
  /** Empties the mock's store and the request log. */
  clear(): Promise<void>;
  stop(): Promise<void>;
}

const script = fileURLToPath(new URL('./drive-server-process.cjs', import.meta.url));

/** Starts google-drive-mock on 127.0.0.1 (free port) in a child process of its own. */
export async function startDriveServer(): Promise<DriveServer> {
  const child: ChildProcess = fork(script, [], {
    execArgv: [],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`google-drive-mock exited (${code})`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    token: 'valid-token',
    requests: async () => (await (await fetch(`${url}/__requests`)).json()) as SeenRequest[],
    resetLog: async () => {
      await fetch(`${url}/__reset`, { method: 'POST' });
    },
    async clear() {
      await fetch(`${url}/debug/clear`, { method: 'POST' });
      await fetch(`${url}/__reset`, { method: 'POST' });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

/** A mock and a fault proxy in front of it, for one test file. */
export interface DriveBehindProxy {
  server: DriveServer;
  proxy: FaultProxy;
}

/**
 * Starts a mock and a fault proxy before the file's tests and stops both after; the returned
 * object is filled in by then.
 */
export function useDriveBehindProxy(): DriveBehindProxy {
  const both = {} as DriveBehindProxy;
  beforeAll(async () => {
    both.server = await startDriveServer();
    both.proxy = await startFaultProxy({ target: both.server.url });
  });
  afterAll(async () => {
    await both.proxy?.stop();
    await both.server?.stop();
  });
  return both;
}
