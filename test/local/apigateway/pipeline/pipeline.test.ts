import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionInvoker } from '../../../../local/lambda/invoke.js';
import { readResponse } from '../../../support/read-response.js';
import { handMadeApi, serveGateway } from '../support/hand-made-api.js';

/**
 * The gateway's request path as a whole: whatever one request carries, it gets
 * an answer and the server keeps serving the next one. Before the pipeline,
 * the query was parsed outside the gateway's try (`?constructor` ended the
 * process) and an answer Node would not send rejected the handler.
 */
const PROTOTYPE_NAMES = ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty'];
const logLines: string[] = [];
let answerWith: unknown = { statusCode: 200, body: 'ok' };
const invoker: FunctionInvoker = { invoke: async () => ({ kind: 'ok', payload: answerWith }) };
let gateway: Awaited<ReturnType<typeof serveGateway>>;
/** A request the gateway never answers fails the test in seconds, not at the suite's timeout. */
const answered = () => AbortSignal.timeout(5000);

beforeAll(async () => {
  gateway = await serveGateway(handMadeApi([{ path: 'ride' }, { path: 'ride', verb: 'GET' }]), { invoker, log: (l) => logLines.push(l) });
});
afterAll(async () => gateway?.close());

async function stillServing() {
  answerWith = { statusCode: 200, body: 'ok' };
  const r = await readResponse(await fetch(`${gateway.base}/ride`, { method: 'POST', body: '{}', signal: answered() }));
  expect(r.status).toBe(200);
  expect(r.text).toBe('ok');
}

describe('one request cannot take the gateway down', () => {
  it('answers a query key named after an Object.prototype member, on a method and on no route, and keeps serving', async () => {
    for (const name of PROTOTYPE_NAMES) {
      for (const path of ['/ride', '/nowhere']) {
        const r = await fetch(`${gateway.base}${path}?${name}&${name}=1`, { method: 'POST', body: '{}', signal: answered() });
        // 200 once the event's maps have no prototype; until then the local cloud's own 500. Never a dropped connection.
        expect([200, 403, 500]).toContain(r.status);
        expect(await r.text()).not.toMatch(/TypeError|at .*\.ts/);
      }
    }
    await stillServing();
  });

  it('answers a header named after an Object.prototype member and keeps serving', async () => {
    for (const name of PROTOTYPE_NAMES.filter((n) => n !== '__proto__')) {
      const r = await fetch(`${gateway.base}/ride`, { method: 'POST', body: '{}', headers: { [name]: 'x' }, signal: answered() });
      expect([200, 500]).toContain(r.status);
      expect(await r.text()).not.toMatch(/TypeError|at .*\.ts/);
    }
    await stillServing();
  });

  it('a function answer Node will not send (a newline in a header) is a 500 for that request only', async () => {
    answerWith = { statusCode: 200, headers: { 'x-bad': 'a\nb' }, body: 'never sent' };
    const r = await readResponse(await fetch(`${gateway.base}/ride`, { method: 'POST', body: '{}', signal: answered() }));
    expect(r.status).toBe(500);
    expect(r.json).toEqual({ message: 'Internal server error' });
    expect(r.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(logLines.some((l) => l.includes('could not be sent'))).toBe(true);
    await stillServing();
  });

  it('answers a body over 10 MB with 413 Request Too Long, without reading it all', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${gateway.base}/ride`, { method: 'POST', headers: { 'content-length': String(11 * 1024 * 1024) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(Buffer.alloc(10 * 1024 * 1024 + 1));
    });
    expect(status).toBe(413);
    await stillServing();
  });
});
