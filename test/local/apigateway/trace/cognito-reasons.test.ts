import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCognitoAuthorizer, type CognitoAuthorizerModel } from '../../../../local/apigateway/authorizers/cognito.js';
import { attackerKey, signRs256, tampered } from '../../support/jwt.js';

/**
 * The Cognito authorizer's reasons, for the local decision trace: real RS256
 * tokens, signed with a key the "pool" publishes, verified by aws-jwt-verify.
 */
const POOL = 'us-east-1_Trace1';
const ISS = `https://cognito-idp.us-east-1.amazonaws.com/${POOL}`;
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'key-1', alg: 'RS256', use: 'sig' };
const provider = { jwks: (id: string) => ({ keys: id === POOL ? [jwk] : [] }), lookupCredentials: () => undefined };
const model: CognitoAuthorizerModel = { logicalId: 'Auth', id: 'a1', name: 'riders', type: 'COGNITO_USER_POOLS', userPoolIds: [POOL], identityHeader: 'authorization' };

const now = Math.floor(Date.now() / 1000);
const claims = (over: Record<string, unknown> = {}) => ({ sub: 's-1', iss: ISS, aud: 'client', token_use: 'id', 'cognito:username': 'alice', iat: now - 60, exp: now + 3600, ...over });
const token = (over?: Record<string, unknown>, key = privateKey, kid = 'key-1') => signRs256({ kid }, claims(over), key);

describe('Cognito authorizer reasons', () => {
  const verify = createCognitoAuthorizer(model, provider, []);

  it('passes a valid ID token, saying what was verified', async () => {
    const d = await verify(token());
    expect(d.ok).toBe(true);
    expect(d.reason).toMatch(new RegExp(`^ID token verified: signed with key id key-1 of pool ${POOL}, issuer ${ISS}, token_use id, expires in (59|60) minutes$`));
  });

  it('no Authorization header, where the authorizer reads it', async () => {
    expect(await verify(undefined)).toEqual({ ok: false, message: 'Unauthorized', reason: 'no Authorization header — the Cognito authorizer riders reads the ID token from `Authorization`' });
  });

  it('an expired token: how long ago', async () => {
    const d = await verify(token({ exp: now - 180, iat: now - 3780 }));
    expect(d).toMatchObject({ ok: false, message: 'The incoming token has expired' });
    expect(d.reason).toMatch(/^the token expired (3 minutes|180 seconds) ago \(exp /);
  });

  it('an access token where ID tokens are wanted, and the reverse with scopes', async () => {
    expect((await verify(token({ token_use: 'access' }))).reason).toBe('this is an access token; without authorization scopes the Cognito authorizer takes ID tokens only');
    const scoped = createCognitoAuthorizer(model, provider, ['rides/write']);
    expect((await scoped(token())).reason).toBe('this is an ID token; a method with authorization scopes (rides/write) takes access tokens only');
  });

  it('a forged, a tampered, another pool’s and a not-a-JWT token', async () => {
    expect((await verify(token({}, attackerKey(), 'evil-kid'))).reason).toMatch(/^the token is signed with key id evil-kid, which the user pool holds no key for/);
    expect((await verify(tampered(token(), { 'cognito:username': 'mallory' }))).reason).toBe("the token's signature does not hold for key id key-1: it was changed after Cognito signed it");
    expect((await verify(token({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other' }))).reason).toBe(
      `the token was issued by https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other; this authorizer trusts only ${ISS}`,
    );
    expect((await verify('not a token')).reason).toBe('the header does not hold a JWT (three base64url parts: header.payload.signature)');
  });
});
