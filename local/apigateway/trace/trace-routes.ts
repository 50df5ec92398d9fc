import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLoopbackAddress } from '../../http/loopback.js';
import type { TraceStore } from './trace-store.js';

/** Where the traces are served: on the website's origin, never on the API (see local/README.md). */
export const TRACES_PATH = '/_local/requests';

/** `localhost`, `127.0.0.1:3000`, `[::1]:3000`: a Host only this machine's names resolve to. */
function loopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  return name === 'localhost' || isLoopbackAddress(name);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  // Same origin only (no CORS header): another site open in the browser cannot read the traces.
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

/**
 * `GET /_local/requests` (the last traces, newest first) and
 * `GET /_local/requests/{requestId}`: the local API Gateway's decision traces.
 * Deny by default: only a client on this machine (the socket's address, never
 * a header), addressing it by a loopback name (a DNS-rebinding page arrives
 * with its own host name), with GET. Returns false for any other path, which
 * the website answers as before.
 */
export function createTraceRoutes(traces: TraceStore) {
  return function handle(req: IncomingMessage, res: ServerResponse): boolean {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path !== TRACES_PATH && !path.startsWith(`${TRACES_PATH}/`)) return false;
    if (!isLoopbackAddress(req.socket.remoteAddress) || !loopbackHost(req.headers.host)) {
      send(res, 403, { message: 'The request traces answer only this machine (loopback), addressed as localhost or 127.0.0.1.' });
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      send(res, 405, { message: 'The request traces are read-only: GET only.' });
      return true;
    }
    if (path === TRACES_PATH || path === `${TRACES_PATH}/`) {
      send(res, 200, { requests: traces.list() });
      return true;
    }
    let id: string;
    try {
      id = decodeURIComponent(path.slice(TRACES_PATH.length + 1));
    } catch {
      id = '';
    }
    const trace = traces.get(id);
    if (!trace) send(res, 404, { message: `No trace of request ${JSON.stringify(id.slice(0, 80))}: only the last ${traces.capacity} requests since the start are kept.` });
    else send(res, 200, trace);
    return true;
  };
}
