import { createServer } from 'node:http';
import { join } from 'node:path';
import type { CallerLookup } from '../callers.js';
import { INTERNAL_ERROR } from '../http/internal-error.js';
import { closeServer, listen } from '../http/listen.js';
import { serveSafely } from '../http/safe-listener.js';
import type { LocalStack } from '../template/index.js';
import { createS3Handler } from './server.js';

export { createS3Handler, MAX_LOCAL_OBJECT_BYTES } from './server.js';

export interface StartS3Options {
  stack: LocalStack;
  lookup: CallerLookup;
  dataDir: string;
  host: string;
  port: number;
  websiteOrigins: () => string[];
  log: (line: string) => void;
}

/** Starts the local S3 on its own port; objects under `<dataDir>/s3`. */
export async function startS3(options: StartS3Options) {
  const shown = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  const { listener } = createS3Handler({
    stack: options.stack,
    lookup: options.lookup,
    root: join(options.dataDir, 's3'),
    endpointHosts: [...new Set([shown, 'localhost', '127.0.0.1'])],
    websiteOrigins: options.websiteOrigins,
    log: options.log,
  });
  const server = serveSafely(createServer(), listener, { service: 's3', internalError: INTERNAL_ERROR.s3, log: options.log });
  const port = await listen(server, options.host, options.port, '--port-s3');
  const endpoint = `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
  return {
    endpoint,
    port,
    /** What a page's CSP must allow: virtual-hosted buckets under localhost (browsers resolve *.localhost to this machine). */
    browserEndpoint: `http://*.localhost:${port}`,
    close: () => closeServer(server),
  };
}
