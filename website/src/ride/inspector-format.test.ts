import { describe, expect, it } from 'vitest';
import { formatBody, presentHeaders, shorten, shortenSigV4 } from './inspector-format';

describe('shorten', () => {
  it('keeps the start and end of a long value and says how long it was', () => {
    const jwt = `eyJraWQiOiJ${'x'.repeat(800)}abcdef`;
    expect(shorten(jwt)).toBe(`eyJraWQiOiJx…abcdef (${jwt.length} chars)`);
  });
  it('leaves short values alone', () => expect(shorten('short')).toBe('short'));
});

describe('presentHeaders', () => {
  it('cognito: the Authorization header is shortened and explained', () => {
    const shown = presentHeaders({ 'content-type': 'application/json', authorization: `eyJ${'a'.repeat(500)}` });
    expect(shown.map((h) => h.name)).toEqual(['authorization', 'content-type']);
    expect(shown[0]?.value).toMatch(/^eyJa+…a+ \(503 chars\)$/);
    expect(shown[0]?.note).toMatch(/ID token/);
  });

  it('iam: the SigV4 Authorization keeps its structure, the signature and session token are shortened', () => {
    const sig = 'f'.repeat(64);
    const shown = presentHeaders({
      'x-amz-security-token': `IQoJb3JpZ2luX2Vj${'z'.repeat(600)}`,
      authorization: `AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20261121/us-east-1/execute-api/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=${sig}`,
      'x-amz-date': '20261121T101500Z',
      'content-type': 'application/json',
    });
    expect(shown.map((h) => h.name)).toEqual(['authorization', 'x-amz-date', 'x-amz-security-token', 'content-type']);
    expect(shown[0]?.value).toContain('Credential=ASIAEXAMPLE/20261121/us-east-1/execute-api/aws4_request');
    expect(shown[0]?.value).toContain('Signature=ffffffff…');
    expect(shown[0]?.value).not.toContain(sig);
    expect(shown[0]?.note).toMatch(/SigV4/);
    expect(shown[1]?.value).toBe('20261121T101500Z');
    expect(shown[2]?.value).toBe('IQoJb3JpZ2lu…zzzzzz (616 chars)');
  });

  it('explains the signed host header the browser sets itself', () => {
    expect(presentHeaders({ host: '127.0.0.1:4010' })).toEqual([{ name: 'host', value: '127.0.0.1:4010', note: 'signed; the browser sets it itself' }]);
  });

  it('shortenSigV4 leaves values without a signature as they are', () => {
    expect(shortenSigV4('Bearer x')).toBe('Bearer x');
  });
});

describe('formatBody', () => {
  it('pretty-prints JSON and shows other text or emptiness as such', () => {
    expect(formatBody('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(formatBody('plain')).toBe('plain');
    expect(formatBody('')).toBe('(empty)');
  });
});

describe('authorizerEcho (lambda mode)', () => {
  it('reads the principal and context the ride answer echoes', async () => {
    const { authorizerEcho, describeMode } = await import('./inspector-format');
    expect(authorizerEcho('{"RideId":"r","Authorizer":{"principalId":"sub-1","context":{"username":"u","groups":""}}}')).toEqual({ principalId: 'sub-1', context: { username: 'u', groups: '' } });
    expect(authorizerEcho('{"RideId":"r"}')).toBeUndefined();
    expect(authorizerEcho('not json')).toBeUndefined();
    expect(describeMode('lambda')).toMatch(/Lambda authorizer/);
  });
});

describe('API key (usage plans)', () => {
  it('shows x-api-key shortened, saying it identifies a client and does not authenticate a rider', () => {
    const shown = presentHeaders({ 'content-type': 'application/json', 'x-api-key': 'abcdefghijklmnopqrstuvwxyz0123456789ABCD' });
    const key = shown.find((h) => h.name === 'x-api-key')!;
    expect(key.note).toBe('an API key identifies a client for throttling and quotas; it does not authenticate a rider');
    expect(key.value).not.toBe('abcdefghijklmnopqrstuvwxyz0123456789ABCD');
  });
});
