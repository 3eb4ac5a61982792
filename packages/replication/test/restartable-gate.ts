import { connect, createServer, type Server, type Socket } from 'node:net';

/** A TCP front door to a server that can go down and come back on the same port. */
export interface Gate {
  /** `http://127.0.0.1:<port>`, stable across restarts. */
  url: string;
  /** Goes down: every connection is cut and new ones are refused. */
  down(): Promise<void>;
  /** Comes back on the same port. */
  up(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts a TCP forwarder to `target` (an `http://host:port` URL). `down()` behaves like the
 * server process dying (ECONNRESET on open connections, ECONNREFUSED after), `up()` like it
 * being restarted at the same address.
 */
export async function startGate(target: string): Promise<Gate> {
  const { hostname, port: targetPort } = new URL(target);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(Number(targetPort), hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.once('close', () => sockets.delete(socket));
          socket.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as { port: number }).port;
        server = s;
        resolve();
      });
    });
  const down = (): Promise<void> =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
    });
  await listen();
  return { url: `http://127.0.0.1:${port}`, down, up: listen, stop: down };
}
