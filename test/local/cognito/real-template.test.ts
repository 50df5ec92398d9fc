import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCredentialsForIdentityCommand, GetIdCommand, CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { CognitoIdentityProviderClient, ConfirmSignUpCommand, InitiateAuthCommand, RespondToAuthChallengeCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromStack, startCognitoServer } from '../../../local/cognito/index.js';
import { synthesize } from '../../../local/synth.js';
import { createLocalStack, readStack, type LocalStack } from '../../../local/template/index.js';
import { fastSrpClient } from './amplify-srp.js';

/** The pools built from the real Wild Rydes stack, as `cdk synth` writes it. */
let dir: string;
let stack: LocalStack;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cognito-synth-'));
  const { assemblyDir, stackName } = await synthesize({ authMode: 'iam', outdir: join(dir, 'cdk.out'), context: { 'aws:cdk:bundling-stacks': [] } });
  const synthesized = readStack(assemblyDir, stackName);
  stack = createLocalStack({ stackName, template: synthesized.template, assemblyDir });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('pools from the synthesized WildRydes template', () => {
  it('reads the pool, client and identity pool settings the stack declares', () => {
    const config = configFromStack(stack);
    expect(config.userPools).toHaveLength(1);
    const pool = config.userPools[0]!;
    expect(pool.id).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
    expect(pool.name).toBe('WildRydes');
    expect(pool.usernameAttributes).toEqual(['email']);
    expect(pool.autoVerifiedAttributes).toEqual(['email']);
    expect(pool.caseSensitive).toBe(false);
    expect(pool.passwordPolicy).toMatchObject({ minimumLength: 12, requireSymbols: true, temporaryPasswordValidityDays: 3 });
    const [client] = [...pool.clients.values()];
    expect(client).toMatchObject({ preventUserExistenceErrors: true, enableTokenRevocation: true, generateSecret: false, accessTokenValiditySeconds: 3600, refreshTokenValiditySeconds: 30 * 86400 });
    expect([...client!.explicitAuthFlows].sort()).toEqual(['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']);
    const identityPool = config.identityPools[0]!;
    expect(identityPool).toMatchObject({ allowUnauthenticated: false, providers: [{ providerName: `cognito-idp.us-east-1.amazonaws.com/${pool.id}`, clientId: client!.id, serverSideTokenCheck: true }] });
    expect(identityPool.authenticatedRoleArn).toMatch(/^arn:aws:iam::123456789012:role\/WildRydes-/);
  });

  it('signs a rider up and in with SRP and hands out credentials of the stack\'s authenticated role', async () => {
    const dataDir = join(dir, 'data');
    const server = await startCognitoServer({ stack, dataDir, log: () => {} });
    const cfg = { region: 'us-east-1', endpoint: server.url, credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 };
    const idp = new CognitoIdentityProviderClient(cfg);
    const identity = new CognitoIdentityClient(cfg);
    try {
      const [pool] = server.cognito.userPools;
      const clientId = pool!.clientIds[0]!;
      const email = 'Rider@Example.com';
      const password = 'Unicorns-Fly-2026';
      await idp.send(new SignUpCommand({ ClientId: clientId, Username: email, Password: password }));
      const code = server.cognito.mailbox().at(-1)!.code;
      await idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'rider@example.com', ConfirmationCode: code }));
      const srp = await fastSrpClient();
      const start = await idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'RIDER@example.com', SRP_A: srp.A } }));
      const done = await idp.send(
        new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: srp.answer(pool!.id, password, start.ChallengeParameters!) }),
      );
      const provider = `cognito-idp.us-east-1.amazonaws.com/${pool!.id}`;
      const logins = { [provider]: done.AuthenticationResult!.IdToken! };
      const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: server.cognito.identityPools[0]!.id, Logins: logins }));
      const creds = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
      const issued = server.cognito.lookupCredentials(creds.Credentials!.AccessKeyId!);
      const roleLogicalId = stack.resourcesOfType('AWS::IAM::Role').find((id) => id.includes('AuthenticatedRole'))!;
      expect(issued?.roleArn).toBe(stack.attribute(roleLogicalId, 'Arn'));
    } finally {
      idp.destroy();
      identity.destroy();
      await server.close();
    }
  });
});
