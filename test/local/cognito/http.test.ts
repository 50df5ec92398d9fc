import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../../../local/cognito/index.js';
import { PASSWORD, startTestCognito, uniqueEmail, type TestCognito } from './fixtures.js';

let t: TestCognito;
beforeAll(async () => {
  t = await startTestCognito();
});
afterAll(async () => {
  await t.close();
});

const call = (target: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, ...headers }, body: typeof body === 'string' ? body : new Uint8Array(body) });

describe('the wire', () => {
  it('listens on 127.0.0.1', () => {
    expect(new URL(t.url).hostname).toBe('127.0.0.1');
  });

  it('answers an unknown action with Coral\'s unknown-operation error, for both services', async () => {
    for (const target of ['AWSCognitoIdentityProviderService.DoSomethingOdd', 'AWSCognitoIdentityService.toString', 'AWSCognitoIdentityProviderService.__proto__']) {
      const res = await call(target, '{}');
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
      expect(((await res.json()) as { __type: string }).__type).toBe('com.amazon.coral.service#UnknownOperationException');
    }
  });

  it('answers malformed JSON and non-object bodies with a SerializationException, without internals', async () => {
    for (const body of ['{"ClientId": ', '[1,2]', 'null']) {
      const res = await call('AWSCognitoIdentityProviderService.SignUp', body);
      expect(res.status).toBe(400);
      const json = (await res.json()) as { __type: string; message: string };
      expect(json.__type).toBe('com.amazon.coral.service#SerializationException');
      expect(json.message).not.toMatch(/\bat .*\.ts/);
    }
  });

  it('refuses bodies over the limit', async () => {
    const res = await call('AWSCognitoIdentityProviderService.SignUp', Buffer.alloc(BODY_LIMIT_BYTES + 10, 0x20));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { __type: string }).__type).toBe('RequestEntityTooLargeException');
  });

  it('answers a missing required member with Cognito\'s validation message and the error type header', async () => {
    const res = await call('AWSCognitoIdentityProviderService.InitiateAuth', JSON.stringify({ AuthFlow: 'USER_SRP_AUTH' }));
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('InvalidParameterException:');
    expect(await res.json()).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null",
    });
  });

  it('answers CORS preflights for browsers (Amplify from the dev server)', async () => {
    const res = await fetch(t.url, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target,x-amz-user-agent' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('access-control-allow-headers')).toContain('x-amz-target');
  });

  it('serves the JWKS and the OpenID configuration of each pool, and 404s other paths', async () => {
    const jwks = (await (await fetch(`${t.url}/${t.poolId}/.well-known/jwks.json`)).json()) as { keys: Record<string, string>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ alg: 'RS256', kty: 'RSA', use: 'sig', e: 'AQAB', kid: expect.any(String), n: expect.any(String) });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const other = t.cognito.jwks(t.otherPoolId) as { keys: { kid: string }[] };
    expect(other.keys[0]!.kid).not.toBe(jwks.keys[0]!.kid);
    const oidc = (await (await fetch(`${t.url}/${t.poolId}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    expect(oidc.issuer).toBe(`https://cognito-idp.us-east-1.amazonaws.com/${t.poolId}`);
    expect(oidc.jwks_uri).toBe(`${t.url}/${t.poolId}/.well-known/jwks.json`);
    expect((await fetch(`${t.url}/us-east-1_Nope12345/.well-known/jwks.json`)).status).toBe(404);
    expect((await fetch(`${t.url}/ride`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('shows the mailbox as JSON at GET /_local/mailbox', async () => {
    const email = uniqueEmail('mail');
    await call('AWSCognitoIdentityProviderService.SignUp', JSON.stringify({ ClientId: t.clientId, Username: email, Password: PASSWORD }));
    const mail = (await (await fetch(`${t.url}/_local/mailbox`)).json()) as Record<string, string>[];
    const mine = mail.filter((m) => m.to === email);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toEqual({ to: email, subject: expect.any(String), code: expect.stringMatching(/^\d{6}$/), sentAt: expect.any(String), userPoolId: t.poolId, username: expect.any(String) });
    expect(Number.isNaN(Date.parse(mine[0]!.sentAt!))).toBe(false);
  });
});
