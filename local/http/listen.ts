import type { Server } from 'node:http';
import { LocalCloudError } from '../errors.js';

/** A port this cloud wanted is taken; the message says which flag picks another. */
export class PortInUseError extends LocalCloudError {
  override name = 'PortInUseError';
  constructor(
    readonly host: string,
    readonly port: number,
    readonly flag: string,
  ) {
    super(`Port ${port} on ${host} is already in use (another local cloud still running?). Stop it, or choose another port with ${flag} <port> (0 picks a free one).`);
  }
}

/** Starts listening and answers the port actually bound (useful when asked for port 0). */
export function listen(server: Server, host: string, port: number, flag: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(host, port, flag) : err);
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    // Node closes an idle keep-alive connection after 5 s; a client that sends its next request on it
    // just then (the SDKs keep sockets alive) reads ECONNRESET, which happened under load. AWS's
    // endpoints keep idle connections far longer; 65 s is the usual choice behind a 60 s proxy.
    // headersTimeout must exceed it (Node's rule), and still bounds a slow client's headers.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    server.listen(port, host);
  });
}

/**
 * Closes a server: no new connections, idle keep-alive ones dropped at once,
 * requests in flight given `graceMs` to finish before their sockets are cut.
 */
export function closeServer(server: Server, graceMs = 3000): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
