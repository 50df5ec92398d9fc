import { describe, expect, it } from 'vitest';
import { withWireTap } from './wire-tap';

function fakeTarget(status = 201, body = '{"ok":true}') {
  const calls: string[] = [];
  const target = {
    fetch: (async (input: RequestInfo | URL) => {
      calls.push(String(input instanceof Request ? input.url : input));
      return new Response(body, { status });
    }) as typeof fetch,
  };
  return { target, calls };
}

describe('withWireTap', () => {
  it('records the headers, body, status and answer of requests to the API, and leaves the answer readable', async () => {
    const { target } = fakeTarget();
    const original = target.fetch;
    const { outcome, exchanges } = await withWireTap(
      'http://api.test/prod/',
      async () => {
        const response = await target.fetch(new URL('http://api.test/prod/ride'), {
          method: 'POST',
          headers: { Authorization: 'eyJ.token.sig', 'content-type': 'application/json' },
          body: '{"PickupLocation":{}}',
        });
        return response.json();
      },
      target,
    );
    expect(outcome).toEqual({ ok: true, value: { ok: true } });
    expect(exchanges).toEqual([
      {
        method: 'POST',
        url: 'http://api.test/prod/ride',
        requestHeaders: { authorization: 'eyJ.token.sig', 'content-type': 'application/json' },
        requestBody: '{"PickupLocation":{}}',
        status: 201,
        responseBody: '{"ok":true}',
        networkError: undefined,
      },
    ]);
    expect(target.fetch).toBe(original);
  });

  it('ignores other traffic (Cognito calls made during the same operation)', async () => {
    const { target, calls } = fakeTarget();
    const { exchanges } = await withWireTap('http://api.test/prod/', async () => target.fetch('http://cognito.test/'), target);
    expect(calls).toEqual(['http://cognito.test/']);
    expect(exchanges).toEqual([]);
  });

  it('records a network failure, returns the error, and restores fetch', async () => {
    const target = {
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch,
    };
    const original = target.fetch;
    const { outcome, exchanges } = await withWireTap('http://api.test/', async () => target.fetch('http://api.test/ride'), target);
    expect(outcome.ok).toBe(false);
    expect(exchanges[0]?.networkError).toBe('Failed to fetch');
    expect(exchanges[0]?.status).toBeUndefined();
    expect(target.fetch).toBe(original);
  });
});
