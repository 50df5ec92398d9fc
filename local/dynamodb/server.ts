import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import dynalite from 'dynalite';
import { join } from 'node:path';
import { readBodyUpTo } from '../http/body.js';
import { INTERNAL_ERROR } from '../http/internal-error.js';
import { listen } from '../http/listen.js';
import { serveSafely } from '../http/safe-listener.js';

export interface LocalDynamo {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

/** DynamoDB's request size limit, which dynalite enforces with a 413. */
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * dynalite's handler does all its work in `req` event callbacks, out of reach
 * of any wrapper, and rethrows a request stream error (a client that hangs up
 * mid-body) from one of them, which used to end the whole process. So the body
 * is read here, and dynalite is handed a stand-in request whose `data`/`end`
 * are emitted synchronously inside safeListener's watch: anything dynalite
 * throws while reading the request is a 500 for that request only.
 */
function contained(dynaliteListener: Listener): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const body = await readBodyUpTo(req, MAX_REQUEST_BYTES);
    const standIn = Object.assign(new EventEmitter(), { method: req.method, url: req.url, headers: req.headers, rawHeaders: req.rawHeaders, socket: req.socket });
    dynaliteListener(standIn as unknown as IncomingMessage, res);
    if (body.length > 0) standIn.emit('data', body);
    standIn.emit('end');
  };
}

/**
 * DynamoDB on this machine: dynalite over LevelDB in `<dataDir>/dynamodb`,
 * so a restart finds every item. Tables become ACTIVE at once.
 */
export async function startDynamo(options: { dataDir: string; host: string; port: number; log?: (line: string) => void }): Promise<LocalDynamo> {
  const path = join(options.dataDir, 'dynamodb');
  mkdirSync(path, { recursive: true });
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const [dynaliteListener] = server.listeners('request') as Listener[];
  server.removeAllListeners('request');
  serveSafely(server, contained(dynaliteListener!), { service: 'dynamodb', internalError: INTERNAL_ERROR.dynamodb, log: options.log ?? (() => {}) });
  const port = await listen(server, options.host, options.port, '--port-dynamodb');
  return {
    endpoint: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    port,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
