import { request } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** What a request got: an answer, or the socket error (ECONNRESET, ECONNREFUSED, a timeout) that ended it. */
export type RawOutcome = { ok: true; answer: RawAnswer } | { ok: false; error: string };

export interface RawRequest {
  method?: string;
  /** Sent exactly as written (no URL parsing or normalising on the way). */
  path: string;
  /** Name/value pairs, set one by one so any name (`__proto__` too) goes on the wire as given. */
  headers?: [string, string][];
  body?: string;
}

/**
 * One HTTP request on a fresh connection, as an attacker's script sends it.
 * Never rejects: a reset, a refused connection or no answer within `timeoutMs`
 * is reported as an error, so a test can assert that none happened.
 */
export function rawRequest(baseUrl: string, init: RawRequest, timeoutMs = 5_000): Promise<RawOutcome> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: RawOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const req = request({ host: url.hostname, port: url.port, path: init.path, method: init.method ?? 'GET', agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ ok: true, answer: { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') } }));
      res.on('error', (err: NodeJS.ErrnoException) => done({ ok: false, error: err.code ?? err.message }));
    });
    for (const [name, value] of init.headers ?? []) req.setHeader(name, value);
    // Framed explicitly: Node sends a GET's or DELETE's body unframed otherwise, which is a malformed request.
    if (init.body !== undefined) req.setHeader('content-length', Buffer.byteLength(init.body));
    req.setTimeout(timeoutMs, () => {
      done({ ok: false, error: `no answer within ${timeoutMs} ms` });
      req.destroy();
    });
    req.on('error', (err: NodeJS.ErrnoException) => done({ ok: false, error: err.code ?? err.message }));
    req.end(init.body);
  });
}
