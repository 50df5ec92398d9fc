import type { IncomingMessage } from 'node:http';

/**
 * A request body as a promise, so a service's whole work on a request stays
 * inside one promise chain that safeListener watches. Reading goes on to the
 * end (the client still gets an answer) but no more than `limit + 1` bytes are
 * kept: a body over the limit is recognisable by its length, and a huge upload
 * cannot fill memory.
 */
export function readBodyUpTo(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    req.on('data', (chunk: Buffer) => {
      if (kept > limit) return;
      const room = limit + 1 - kept;
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      chunks.push(part);
      kept += part.length;
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
