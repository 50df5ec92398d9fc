import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { INTERNAL_ERROR } from '../../../local/http/internal-error.js';
import { serveSafely, type Handler } from '../../../local/http/safe-listener.js';
import { rawRequest } from './raw-http.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

/** A server whose handler fails in the way the request's path asks, and answers 200 otherwise. */
async function start(log: string[], service: keyof typeof INTERNAL_ERROR = 'cognito'): Promise<string> {
  const handler: Handler = (req, res) => {
    if (req.url === '/sync') throw new TypeError('multi[key].push is not a function');
    if (req.url === '/async') return Promise.reject(new Error('rejected later'));
    if (req.url === '/await')
      return (async () => {
        await new Promise((r) => setTimeout(r, 5));
        throw new Error('thrown after an await');
      })();
    if (req.url === '/half') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('partial');
      return Promise.reject(new Error('failed mid-answer'));
    }
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('fine');
  };
  server = serveSafely(createServer(), handler, { service, internalError: INTERNAL_ERROR[service], log: (l) => log.push(l) });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('safeListener: one failing request, one 500', () => {
  it.each(['/sync', '/async', '/await'])('a handler failing at %s answers a 500 in the service shape, logged with its request id; the next request is fine', async (path) => {
    const log: string[] = [];
    const base = await start(log);
    const failed = await rawRequest(base, { path, method: 'POST' });
    expect(failed.ok).toBe(true);
    if (!failed.ok) return;
    expect(failed.answer.status).toBe(500);
    expect(JSON.parse(failed.answer.body)).toEqual({ __type: 'InternalErrorException', message: 'An internal error occurred.' });
    expect(failed.answer.headers['content-type']).toBe('application/x-amz-json-1.1');
    const requestId = String(failed.answer.headers['x-amzn-requestid']);
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(log).toHaveLength(1);
    expect(log[0]).toContain(requestId);
    expect(log[0]).toContain(`POST ${path}`);
    // The client sees no cause and no stack; the log has them.
    expect(failed.answer.body).not.toMatch(/push|rejected|thrown|at /);
    expect(log[0]).toMatch(/Error: /);
    const next = await rawRequest(base, { path: '/ok' });
    expect(next.ok && next.answer.status).toBe(200);
  });

  it('answers the API its gateway body and the website a plain page', async () => {
    const api = await rawRequest(await start([], 'api'), { path: '/sync' });
    expect(api.ok && [api.answer.status, JSON.parse(api.answer.body), api.answer.headers['x-amzn-errortype']]).toEqual([500, { message: 'Internal server error' }, 'InternalServerErrorException']);
    server!.closeAllConnections();
    await new Promise((r) => server!.close(r));
    const site = await rawRequest(await start([], 'website'), { path: '/sync' });
    expect(site.ok && [site.answer.status, site.answer.headers['content-type']]).toEqual([500, 'text/html; charset=utf-8']);
  });

  it('cuts only that connection when the answer had already started', async () => {
    const log: string[] = [];
    const base = await start(log);
    const half = await rawRequest(base, { path: '/half' });
    expect(half.ok).toBe(false);
    expect(log[0]).toContain('failed mid-answer');
    const next = await rawRequest(base, { path: '/ok' });
    expect(next.ok && next.answer.status).toBe(200);
  });

  it('answers a malformed request with 400 and closes it, as Node does', async () => {
    const base = new URL(await start([]));
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(base.port), base.hostname, () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.on('data', (d) => (text += d.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    const next = await rawRequest(base.origin, { path: '/ok' });
    expect(next.ok && next.answer.status).toBe(200);
  });
});
