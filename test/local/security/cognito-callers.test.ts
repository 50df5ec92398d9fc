import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  ListUsersCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestCognito, uniqueEmail, WEBSITE_ORIGIN, type TestCognito } from '../cognito/fixtures.js';

/** Issue 8: Cognito's admin actions need a signature from a known key, and a rider's role may not call them. */
let t: TestCognito;
beforeAll(async () => {
  t = await startTestCognito();
});
afterAll(async () => {
  await t.close();
});

async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await promise;
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

const raw = (target: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, ...headers }, body: JSON.stringify(body) });

const idpWith = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
  new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint: t.url, credentials, maxAttempts: 1 });

async function riderCredentials() {
  const email = uniqueEmail('rider');
  await t.idp.send(new SignUpCommand({ ClientId: t.clientId, Username: email, Password: PASSWORD }));
  await t.idp.send(new AdminConfirmSignUpCommand({ UserPoolId: t.poolId, Username: email }));
  const signIn = await t.idp.send(new InitiateAuthCommand({ ClientId: t.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } }));
  const logins = { [`cognito-idp.us-east-1.amazonaws.com/${t.poolId}`]: signIn.AuthenticationResult!.IdToken! };
  const { IdentityId } = await t.identity.send(new GetIdCommand({ IdentityPoolId: t.identityPoolId, Logins: logins }));
  const { Credentials } = await t.identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
  return { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretKey!, sessionToken: Credentials!.SessionToken! };
}

describe('Cognito actions that need AWS credentials', () => {
  it('refuses ListUsers without a signature, as Cognito does (400 MissingAuthenticationTokenException)', async () => {
    const res = await raw('AWSCognitoIdentityProviderService.ListUsers', { UserPoolId: t.poolId });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException:');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
    expect(JSON.stringify(body)).not.toContain('@');
  });

  it('refuses an unknown key and a wrong secret with the real exceptions', async () => {
    const stranger = idpWith({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
    const wrongSecret = idpWith({ ...t.cognito.adminCredentials, secretAccessKey: 'x'.repeat(40) });
    try {
      expect(await failure(stranger.send(new ListUsersCommand({ UserPoolId: t.poolId })))).toEqual({
        name: 'UnrecognizedClientException',
        message: 'The security token included in the request is invalid.',
        status: 400,
      });
      const bad = await failure(wrongSecret.send(new AdminCreateUserCommand({ UserPoolId: t.poolId, Username: uniqueEmail('nope') })));
      expect(bad.name).toBe('InvalidSignatureException');
      expect(bad.status).toBe(400);
      expect(bad.message).toBe(
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      );
    } finally {
      stranger.destroy();
      wrongSecret.destroy();
    }
  });

  it('holds a rider\'s identity-pool credentials to their role: AccessDeniedException for AdminCreateUser and ListUsers', async () => {
    const rider = idpWith(await riderCredentials());
    try {
      const denied = await failure(rider.send(new AdminCreateUserCommand({ UserPoolId: t.poolId, Username: uniqueEmail('made-by-rider') })));
      const roleName = t.stack.physicalId('AuthenticatedRole');
      expect(denied).toEqual({
        name: 'AccessDeniedException',
        status: 400,
        message:
          `User: arn:aws:sts::${t.stack.accountId}:assumed-role/${roleName}/CognitoIdentityCredentials is not authorized to perform: cognito-idp:AdminCreateUser ` +
          `on resource: arn:aws:cognito-idp:us-east-1:${t.stack.accountId}:userpool/${t.poolId} because no identity-based policy allows the cognito-idp:AdminCreateUser action`,
      });
      expect((await failure(rider.send(new ListUsersCommand({ UserPoolId: t.poolId })))).name).toBe('AccessDeniedException');
    } finally {
      rider.destroy();
    }
  });

  it('serves the local administrator: ListUsers, and AdminCreateUser signed with the generated key', async () => {
    expect(t.cognito.adminCredentials.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(t.cognito.adminCredentials.secretAccessKey).toHaveLength(40);
    const email = uniqueEmail('admin-made');
    await t.idp.send(new AdminCreateUserCommand({ UserPoolId: t.poolId, Username: email, MessageAction: 'SUPPRESS' }));
    const users = await t.idp.send(new ListUsersCommand({ UserPoolId: t.poolId, Filter: `email = "${email}"` }));
    expect(users.Users).toHaveLength(1);
  });

  it('keeps the unsigned actions unsigned: SignUp and GetId need no credentials', async () => {
    const res = await raw('AWSCognitoIdentityProviderService.SignUp', { ClientId: t.clientId, Username: uniqueEmail('plain'), Password: PASSWORD });
    expect(res.status).toBe(200);
  });
});

describe('browsers and the mailbox', () => {
  it('answers CORS only for the allowed origin', async () => {
    const preflight = (origin: string) =>
      fetch(t.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target' } });
    expect((await preflight(WEBSITE_ORIGIN)).headers.get('access-control-allow-origin')).toBe(WEBSITE_ORIGIN);
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    const post = await raw('AWSCognitoIdentityProviderService.SignUp', { ClientId: t.clientId, Username: uniqueEmail('cors'), Password: PASSWORD }, { origin: 'https://evil.example' });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets no other origin read the mailbox', async () => {
    const foreign = await fetch(`${t.url}/_local/mailbox`, { headers: { origin: 'https://evil.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const own = await fetch(`${t.url}/_local/mailbox`, { headers: { origin: WEBSITE_ORIGIN } });
    expect(own.headers.get('access-control-allow-origin')).toBe(WEBSITE_ORIGIN);
  });

  it('answers /_local/* only to loopback clients (the socket address, not a header)', async () => {
    const ask = async (remoteAddress: string) => {
      const out: { status?: number; body: string; headers: Record<string, unknown> } = { body: '', headers: {} };
      const req = { method: 'GET', url: '/_local/mailbox', headers: { 'x-forwarded-for': '127.0.0.1' }, rawHeaders: [], socket: { remoteAddress } } as unknown as IncomingMessage;
      const res = {
        headersSent: false,
        setHeader: (k: string, v: unknown) => void (out.headers[k.toLowerCase()] = v),
        writeHead(status: number, headers: Record<string, unknown> = {}) {
          out.status = status;
          for (const [k, v] of Object.entries(headers)) out.headers[k.toLowerCase()] = v;
          return this;
        },
        end: (text?: string) => void (out.body += text ?? ''),
      } as unknown as ServerResponse;
      await t.cognito.handle(req, res, Buffer.alloc(0));
      return out;
    };
    const remote = await ask('192.0.2.10');
    expect(remote.status).toBe(403);
    expect(remote.body).not.toContain('"code"');
    expect((await ask('::ffff:198.51.100.4')).status).toBe(403);
    expect((await ask('127.0.0.1')).status).toBe(200);
    expect((await ask('::1')).status).toBe(200);
    expect((await ask('::ffff:127.0.0.1')).status).toBe(200);
  });
});
