import { readBodyUpTo } from '../../http/body.js';
import { splitTarget } from '../../http/raw-request.js';
import { queryParameters } from '../event.js';
import { RequestTooLargeError } from '../gateway-errors.js';
import type { StepFactory } from './context.js';

/** API Gateway's payload limit for REST APIs (10 MB). */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * The request as it arrived: raw path and query (SigV4 is verified over them),
 * raw headers, the body's bytes. Every key here comes from the client, so this
 * runs inside the pipeline: whatever it meets is that request's answer, never
 * the server's end.
 */
export const parseRequest: StepFactory = ({ now }) => ({
  name: 'parse',
  async handle(ctx) {
    const { raw: req, source } = ctx;
    const rawHeaders = req.rawHeaders;
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) source.headers[rawHeaders[i]!.toLowerCase()] = rawHeaders[i + 1]!;
    const { rawPath, rawQuery } = splitTarget(req.url ?? '/');
    Object.assign(source.query, queryParameters(rawQuery).single);
    // Past the limit API Gateway answers 413 REQUEST_TOO_LARGE at once, through the gateway responses.
    const body = await readBodyUpTo(req, MAX_BODY_BYTES, () => new RequestTooLargeError().because(`the body is over API Gateway's ${MAX_BODY_BYTES / 1024 / 1024} MB payload limit for REST APIs`));
    ctx.setRequest(
      {
        method: req.method ?? 'GET',
        rawPath,
        rawQuery,
        rawHeaders,
        body,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        protocol: `HTTP/${req.httpVersion}`,
      },
      new Date(now()),
    );
  },
});
