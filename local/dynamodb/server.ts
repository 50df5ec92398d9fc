import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import dynalite from 'dynalite';
import { join } from 'node:path';
import type { CallerLookup } from '../callers.js';
import { INTERNAL_ERROR } from '../http/internal-error.js';
import { closeServer, listen } from '../http/listen.js';
import { serveSafely } from '../http/safe-listener.js';
import type { LocalStack } from '../template/index.js';
import { createDynamoFront } from './front.js';

export interface LocalDynamo {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

export interface DynamoOptions {
  dataDir: string;
  host: string;
  port: number;
  /** For the region, the account and the roles' policies. */
  stack: LocalStack;
  /** Who may sign: the local admin, the functions' role sessions, identity-pool credentials. */
  lookup: CallerLookup;
  log?: (line: string) => void;
}

/**
 * DynamoDB on this machine: dynalite over LevelDB in `<dataDir>/dynamodb`,
 * so a restart finds every item. Tables become ACTIVE at once. Clients reach it
 * only through the verifying front (front.ts); dynalite itself listens on a
 * Unix socket in a folder only this user can enter (mkdtemp makes it 0700).
 */
export async function startDynamo(options: DynamoOptions): Promise<LocalDynamo> {
  const path = join(options.dataDir, 'dynamodb');
  mkdirSync(path, { recursive: true });
  const socketDir = mkdtempSync(join(tmpdir(), 'wr-dynalite-'));
  const socketPath = join(socketDir, 'dynalite.sock');
  const store = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    store.once('error', reject);
    store.listen(socketPath, () => {
      store.off('error', reject);
      resolve();
    });
  });
  const closeStore = () => new Promise<void>((resolve, reject) => store.close((err) => (err ? reject(err) : resolve())));

  const front = createDynamoFront({ stack: options.stack, lookup: options.lookup, socketPath, log: options.log ?? (() => {}) });
  // The front reads each body through a promise, so anything it throws is a 500 for that request only.
  const server = serveSafely(createServer(), front.listener, { service: 'dynamodb', internalError: INTERNAL_ERROR.dynamodb, log: options.log ?? (() => {}) });
  let port: number;
  try {
    port = await listen(server, options.host, options.port, '--port-dynamodb');
  } catch (err) {
    front.close();
    await closeStore();
    rmSync(socketDir, { recursive: true, force: true });
    throw err;
  }
  return {
    endpoint: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    port,
    async close() {
      await closeServer(server);
      front.close();
      try {
        await closeStore();
      } finally {
        rmSync(socketDir, { recursive: true, force: true });
      }
    },
  };
}
