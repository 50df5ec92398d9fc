import { mkdirSync } from 'node:fs';
import dynalite from 'dynalite';
import { join } from 'node:path';
import { listen } from '../http/listen.js';


export interface LocalDynamo {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

/**
 * DynamoDB on this machine: dynalite over LevelDB in `<dataDir>/dynamodb`,
 * so a restart finds every item. Tables become ACTIVE at once.
 */
export async function startDynamo(options: { dataDir: string; host: string; port: number }): Promise<LocalDynamo> {
  const path = join(options.dataDir, 'dynamodb');
  mkdirSync(path, { recursive: true });
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const port = await listen(server, options.host, options.port, '--port-dynamodb');
  return {
    endpoint: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    port,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
