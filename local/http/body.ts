import type { IncomingMessage } from 'node:http';

/**
 * A request body as a promise, so a service's whole work on a request stays
 * inside one promise chain that safeListener watches. The one body reader of
 * every local server; what happens past `limit` is each service's own answer:
 *
 * - without `tooLarge` (Cognito, DynamoDB): reading goes on to the end (the
 *   client still gets an answer) but no more than `limit + 1` bytes are kept,
 *   so a body over the limit is recognisable by its length and the caller
 *   sends its service's refusal;
 * - with `tooLarge` (API Gateway): the promise rejects with that error as soon
 *   as more than `limit` bytes have arrived, without waiting for the rest,
 *   which is still read (and dropped) so the connection can carry the answer.
 *
 * Either way a huge upload cannot fill memory.
 */
export function readBodyUpTo(req: IncomingMessage, limit: number, tooLarge?: () => Error): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    req.on('data', (chunk: Buffer) => {
      if (kept > limit) return;
      const room = limit + 1 - kept;
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      chunks.push(part);
      kept += part.length;
      if (kept > limit && tooLarge) reject(tooLarge());
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
