import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createTraceRoutes, TraceStore, type DecisionTrace } from '../../../../local/apigateway/trace/index.js';

/** The trace routes' own rules: the socket's address decides, the store is bounded, other paths are not theirs. */
function call(path: string, remoteAddress: string, host = '127.0.0.1:3000') {
  const store = new TraceStore(3);
  for (let i = 0; i < 5; i++) store.add({ requestId: `r${i}`, time: new Date(i * 1000).toISOString(), method: 'POST', path: '/prod/ride', status: 200, latencyMs: 1, authMode: 'none', who: 'anonymous', checks: [] } satisfies DecisionTrace);
  let status = 0;
  let body = '';
  const res = { writeHead: (s: number) => ((status = s), res), end: (b: string) => (body = b), setHeader: () => {} } as unknown as ServerResponse;
  const req = { url: path, method: 'GET', headers: { host, 'x-forwarded-for': '127.0.0.1' }, socket: { remoteAddress } } as unknown as IncomingMessage;
  const handled = createTraceRoutes(store)(req, res);
  return { handled, status, body: body ? JSON.parse(body) : undefined };
}

describe('trace routes', () => {
  it('answer a client of another machine 403, whatever its headers say', () => {
    expect(call('/_local/requests', '192.0.2.7')).toMatchObject({ handled: true, status: 403 });
    expect(call('/_local/requests', '::ffff:127.0.0.1')).toMatchObject({ handled: true, status: 200 });
  });

  it('keep only the last traces (bounded), newest first', () => {
    const { body } = call('/_local/requests', '127.0.0.1');
    expect(body.requests.map((r: DecisionTrace) => r.requestId)).toEqual(['r4', 'r3', 'r2']);
    expect(call('/_local/requests/r0', '127.0.0.1').status).toBe(404);
    expect(call('/_local/requests/r4', '::1', '[::1]:3000').body.requestId).toBe('r4');
  });

  it('leave every other path to the website', () => {
    expect(call('/_local/requestsX', '127.0.0.1').handled).toBe(false);
    expect(call('/ride', '127.0.0.1').handled).toBe(false);
  });
});
