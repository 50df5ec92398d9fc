import type { IncomingMessage } from 'node:http';
import type { RawRequest } from '../sigv4/index.js';

/** A request target as sent, split at its first `?`: the path and the query, both still percent-encoded. */
export function splitTarget(url: string): { rawPath: string; rawQuery: string } {
  const q = url.indexOf('?');
  return q === -1 ? { rawPath: url, rawQuery: '' } : { rawPath: url.slice(0, q), rawQuery: url.slice(q + 1) };
}

/** A request and its body exactly as they arrived, which is what a SigV4 signature is verified over. */
export function rawRequestOf(req: IncomingMessage, body: Buffer): RawRequest {
  return { method: req.method ?? 'POST', ...splitTarget(req.url ?? '/'), rawHeaders: req.rawHeaders, body };
}
