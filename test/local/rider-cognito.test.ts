import { CognitoIdentityProviderClient, ConfirmSignUpCommand, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCognitoServer } from '../../local/cognito/index.js';
import { createLocalStack, readStack } from '../../local/template/index.js';
import { amplifyRider, amplifySignIn, configureAmplify } from './support/amplify.js';
import { codeFromMailbox, PASSWORD, quickRider, removeAssemblies, startTestCloud, synthFor, uniqueEmail, type TestCloud } from './support/cloud.js';
import { attackerKey, decode, hmacWithPublicKey, signRs256, tampered, unsigned } from './support/jwt.js';

/** authMode=cognito: the user-pool authorizer of the real template, against real tokens and forged ones. */
let assemblyDir: string;
let t: TestCloud;
let rider: { email: string; idToken: string };
beforeAll(async () => {
  assemblyDir = await synthFor('cognito');
  t = await startTestCloud('cognito', assemblyDir);
  configureAmplify(t.out);
  rider = await amplifyRider(t.out);
});
afterAll(async () => {
  await t?.close();
  removeAssemblies();
});

/** Sends a forged or broken token and checks API Gateway's answer, and that the function never ran. */
async function refused(authorization: string | undefined, message = 'Unauthorized') {
  const before = { invocations: t.invocations(), rides: (await t.rides()).length };
  const r = await t.post('ride', { headers: authorization === undefined ? {} : { authorization } });
  expect(r.status).toBe(401);
  expect(r.json).toEqual({ message });
  expect(r.headers.get('access-control-allow-origin')).toBe('*');
  expect(r.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
  expect(t.invocations()).toBe(before.invocations);
  expect((await t.rides()).length).toBe(before.rides);
}

describe('authMode=cognito: a rider’s full path', () => {
  it('signs up, confirms with the mailed code, signs in with SRP and books a ride with the ID token', async () => {
    const r = await t.post('ride', { headers: { authorization: rider.idToken } });
    expect(r.status).toBe(201);
    const stored = (await t.rides()).find((ride) => ride.RideId === r.json.RideId);
    expect(stored).toBeDefined();
    // The function saw the authorizer's claims: the rider is the signed-in user.
    const claims = decode(rider.idToken).payload;
    expect([claims.sub, claims['cognito:username']]).toContain(stored!.User);
  });

  it('refuses the access token: without scopes, the authorizer takes ID tokens only', async () => {
    const { AuthenticationResult } = await t.idp.send(
      new InitiateAuthCommand({ ClientId: t.out.UserPoolClientId!, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: rider.email, PASSWORD } }),
    );
    await refused(AuthenticationResult!.AccessToken!);
  });
});

describe('authMode=cognito: attacks, each answered 401 without running the function', () => {
  // The public keys, fetched as any attacker could.
  const jwks = async () => (await (await fetch(`${t.out.UserPoolEndpoint}/${t.out.UserPoolId}/.well-known/jwks.json`)).json()) as { keys: Record<string, unknown>[] };

  it('no token', () => refused(undefined));
  it('an empty Authorization header', () => refused(''));
  it('alg none', async () => {
    const { header, payload } = decode(rider.idToken);
    await refused(unsigned(header, payload));
  });
  it('HMAC signed with the pool’s public key', async () => {
    const { header, payload } = decode(rider.idToken);
    const key = (await jwks()).keys.find((k) => k.kid === header.kid)!;
    await refused(hmacWithPublicKey(header, payload, key));
  });
  it('a kid the pool does not have', async () => {
    const { header, payload } = decode(rider.idToken);
    await refused(signRs256({ ...header, kid: 'attacker-key-1' }, payload, attackerKey()));
  });
  it('the pool’s kid, signed by another key', async () => {
    const { header, payload } = decode(rider.idToken);
    await refused(signRs256(header, payload, attackerKey()));
  });
  it('tampered claims', async () => {
    await refused(tampered(rider.idToken, { email: 'someone-else@example.com' }));
    await refused(tampered(rider.idToken, { exp: Math.floor(Date.now() / 1000) + 86_400 * 365 }));
  });
  it('garbage', () => refused('not-a-jwt'));

  it('an expired token, with API Gateway’s own message', async () => {
    // Cognito's clock set two hours back issues a token whose hour is already over.
    const email = uniqueEmail('expired');
    t.clock.offsetMs = -2 * 3600_000;
    let idToken: string;
    try {
      await t.idp.send(new SignUpCommand({ ClientId: t.out.UserPoolClientId!, Username: email, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: email }] }));
      await t.idp.send(new ConfirmSignUpCommand({ ClientId: t.out.UserPoolClientId!, Username: email, ConfirmationCode: await codeFromMailbox(t.out.MailboxUrl!, email) }));
      const auth = await t.idp.send(new InitiateAuthCommand({ ClientId: t.out.UserPoolClientId!, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } }));
      idToken = auth.AuthenticationResult!.IdToken!;
    } finally {
      t.clock.offsetMs = 0;
    }
    expect(Number(decode(idToken).payload.exp) * 1000).toBeLessThan(Date.now());
    await refused(idToken, 'The incoming token has expired');
  });

  it('a real token of another user pool', async () => {
    // Another stack's pool: its own id, its own keys, a genuine token.
    const other = readStack(assemblyDir);
    const otherStack = createLocalStack({ stackName: 'SomeoneElsesStack', template: other.template, assemblyDir });
    const dataDir = mkdtempSync(join(tmpdir(), 'wr-other-pool-'));
    const server = await startCognitoServer({ stack: otherStack, dataDir, log: () => {} });
    try {
      const poolId = otherStack.physicalId(otherStack.resourcesOfType('AWS::Cognito::UserPool')[0]!);
      const clientId = otherStack.physicalId(otherStack.resourcesOfType('AWS::Cognito::UserPoolClient')[0]!);
      expect(poolId).not.toBe(t.out.UserPoolId);
      const email = uniqueEmail('foreign');
      const idp = new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint: server.url, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
      await idp.send(new SignUpCommand({ ClientId: clientId, Username: email, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: email }] }));
      await idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: server.cognito.mailbox().at(-1)!.code }));
      const auth = await idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } }));
      idp.destroy();
      await refused(auth.AuthenticationResult!.IdToken!);
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('authMode=cognito: many riders, and a restart', () => {
  it('50 riders book at once; every ride is stored exactly once', async () => {
    const riders = await Promise.all(Array.from({ length: 50 }, () => quickRider(t)));
    const before = new Set((await t.rides()).map((r) => r.RideId));
    const answers = await Promise.all(riders.map((r) => t.post('ride', { headers: { authorization: r.idToken } })));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
    const ids = answers.map((a) => a.json.RideId as string);
    expect(new Set(ids).size).toBe(50);
    const fresh = (await t.rides()).filter((r) => !before.has(r.RideId));
    expect(fresh.map((r) => r.RideId).sort()).toEqual([...ids].sort());
  });

  it('a second start on the same data folder finds every user and ride', async () => {
    const booked = await t.post('ride', { headers: { authorization: rider.idToken } });
    expect(booked.status).toBe(201);
    const ridesBefore = (await t.rides()).map((r) => r.RideId).sort();
    const dataDir = t.dataDir;
    await t.close(true);
    t = await startTestCloud('cognito', assemblyDir, { dataDir });
    configureAmplify(t.out);
    expect((await t.rides()).map((r) => r.RideId).sort()).toEqual(ridesBefore);
    // The same user signs in again with SRP, and the old token still verifies against the kept keys.
    const again = await amplifySignIn(rider.email);
    expect((await t.post('ride', { headers: { authorization: again.idToken } })).status).toBe(201);
    expect((await t.post('ride', { headers: { authorization: rider.idToken } })).status).toBe(201);
  });
});
