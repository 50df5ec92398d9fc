import { describe, expect, it } from 'vitest';
import { domainPrefixProblem, InvalidHostedUiConfigError, readHostedUiConfig } from '../../../lib/hosted-ui-config.js';
import { RIDES_READ, RIDES_WRITE, scopeForMethod } from '../../../lib/oauth-scopes.js';

const read = (context: Record<string, unknown>, authMode = 'cognito') => readHostedUiConfig((k) => context[k], authMode);

describe('hosted UI flags', () => {
  it('defaults: derived domain, no extra URLs, no implicit grant, no scopes', () => {
    expect(read({})).toEqual({ domainPrefix: undefined, extraCallbackUrls: [], implicitGrant: false, requireScopes: false });
  });

  it('takes a valid prefix, a list of URLs and booleans', () => {
    expect(read({ authDomainPrefix: 'rydes-ana-1', extraCallbackUrls: 'https://a.example/cb, http://localhost:5173/auth/callback', implicitGrant: 'true', requireScopes: true })).toEqual({
      domainPrefix: 'rydes-ana-1',
      extraCallbackUrls: ['https://a.example/cb', 'http://localhost:5173/auth/callback'],
      implicitGrant: true,
      requireScopes: true,
    });
  });

  it.each(['Rydes', '-rydes', 'rydes-', 'my_rydes', 'a'.repeat(64), 'rydes.example'])('refuses the prefix %s', (prefix) => {
    expect(() => read({ authDomainPrefix: prefix })).toThrow(InvalidHostedUiConfigError);
  });

  it.each(['aws', 'amazon', 'cognito'])('refuses a prefix with the reserved word %s, naming it', (word) => {
    expect(domainPrefixProblem(`my-${word}-rydes`)).toContain(word);
  });

  it.each(['not a url', 'http://example.com/cb', 'https://a.example/cb#frag', 'http://127.0.0.1:3000/cb'])('refuses the callback URL %s', (url) => {
    expect(() => read({ extraCallbackUrls: url })).toThrow(/extraCallbackUrls/);
  });

  it('refuses requireScopes outside cognito mode, and a non-boolean', () => {
    expect(() => read({ requireScopes: 'true' }, 'iam')).toThrow(/authMode=cognito/);
    expect(() => read({ implicitGrant: 'yes' })).toThrow(/implicitGrant: expected true or false/);
  });
});

describe('scopeForMethod', () => {
  it('reads need rides.read, writes rides.write', () => {
    expect(scopeForMethod('GET')).toBe(RIDES_READ);
    expect(scopeForMethod('head')).toBe(RIDES_READ);
    for (const m of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(scopeForMethod(m)).toBe(RIDES_WRITE);
  });
});
