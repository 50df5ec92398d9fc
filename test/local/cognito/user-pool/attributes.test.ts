import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCognitoServer } from '../../../../local/cognito/index.js';
import { createLocalStack, type CfnTemplate } from '../../../../local/template/index.js';
import { PASSWORD, startTestCognito, template, uniqueEmail, type TestCognito } from '../fixtures.js';
import { decode, failure } from './helpers.js';

/** Attributes: only the pool's schema, only what the app client may write, values of at most 2048 characters. */
let t: TestCognito;
beforeAll(async () => {
  t = await startTestCognito();
});
afterAll(async () => {
  await t.close();
});

const NOT_IN_SCHEMA = (name: string) => `Attributes did not conform to the schema: ${name}: Attribute does not exist in the schema.\n`;
const UNAUTHORIZED = { name: 'NotAuthorizedException', message: 'A client attempted to write unauthorized attribute', status: 400 };

const signUp = (attributes: { Name: string; Value: string }[], email = uniqueEmail('attr'), clientId = t.clientId, idp = t.idp) =>
  idp.send(new SignUpCommand({ ClientId: clientId, Username: email, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: email }, ...attributes] }));

describe('SignUp', () => {
  it('refuses cognito:groups and custom:role, so a rider cannot put them into their own ID token', async () => {
    for (const name of ['cognito:groups', 'custom:role', 'cognito:username', 'toString', '__proto__']) {
      expect(await failure(signUp([{ Name: name, Value: 'admin' }]))).toEqual({ name: 'InvalidParameterException', message: NOT_IN_SCHEMA(name), status: 400 });
    }
    // Nothing was created.
    const email = uniqueEmail('attr-none');
    await failure(signUp([{ Name: 'custom:role', Value: 'admin' }], email));
    expect((await t.idp.send(new ListUsersCommand({ UserPoolId: t.poolId, Filter: `email = "${email}"` }))).Users).toEqual([]);
  });

  it('lists every unknown attribute, one line each', async () => {
    const err = await failure(signUp([{ Name: 'custom:a', Value: '1' }, { Name: 'favorite_flavor', Value: '2' }]));
    expect(err.message).toBe('Attributes did not conform to the schema: custom:a: Attribute does not exist in the schema.\nfavorite_flavor: Attribute does not exist in the schema.\n');
  });

  it('refuses attributes an app client may not write by default: sub, email_verified', async () => {
    expect(await failure(signUp([{ Name: 'email_verified', Value: 'true' }]))).toEqual(UNAUTHORIZED);
    expect(await failure(signUp([{ Name: 'sub', Value: '00000000-0000-4000-8000-000000000000' }]))).toEqual(UNAUTHORIZED);
  });

  it('caps values at 2048 characters and names at 32', async () => {
    expect(await failure(signUp([{ Name: 'name', Value: 'x'.repeat(2049) }]))).toEqual({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value at 'userAttributes.2.member.value' failed to satisfy constraint: Member must have length less than or equal to 2048",
      status: 400,
    });
    expect((await failure(signUp([{ Name: 'n'.repeat(33), Value: 'x' }]))).message).toBe(
      "1 validation error detected: Value at 'userAttributes.2.member.name' failed to satisfy constraint: Member must have length less than or equal to 32",
    );
    // 2048 is fine, and standard attributes reach the ID token.
    const email = uniqueEmail('attr-long');
    await signUp([{ Name: 'name', Value: 'x'.repeat(2048) }, { Name: 'given_name', Value: 'Ann' }], email);
    await t.idp.send(new ConfirmSignUpCommand({ ClientId: t.clientId, Username: email, ConfirmationCode: t.codeFor(email) }));
    const out = await t.idp.send(new InitiateAuthCommand({ ClientId: t.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } }));
    const claims = decode(out.AuthenticationResult!.IdToken!);
    expect(claims).toMatchObject({ given_name: 'Ann', email_verified: true });
    expect(claims.name).toHaveLength(2048);
  });
});

describe('AdminCreateUser and NEW_PASSWORD_REQUIRED', () => {
  it('AdminCreateUser refuses attributes outside the schema, and writes email_verified', async () => {
    const email = uniqueEmail('attr-admin');
    expect(
      await failure(t.idp.send(new AdminCreateUserCommand({ UserPoolId: t.poolId, Username: email, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'cognito:groups', Value: 'admins' }] }))),
    ).toEqual({ name: 'InvalidParameterException', message: NOT_IN_SCHEMA('cognito:groups'), status: 400 });
    expect((await failure(t.idp.send(new AdminGetUserCommand({ UserPoolId: t.poolId, Username: email })))).name).toBe('UserNotFoundException');
  });

  it('the NEW_PASSWORD_REQUIRED answer cannot set cognito:* or attributes outside the schema', async () => {
    const email = uniqueEmail('attr-invited');
    await t.idp.send(new AdminCreateUserCommand({ UserPoolId: t.poolId, Username: email, TemporaryPassword: 'Temporary-Pass-1', MessageAction: 'SUPPRESS' }));
    const start = await t.idp.send(
      new AdminInitiateAuthCommand({ UserPoolId: t.poolId, ClientId: t.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: 'Temporary-Pass-1' } }),
    );
    const answer = (extra: Record<string, string>) =>
      t.idp.send(
        new AdminRespondToAuthChallengeCommand({
          UserPoolId: t.poolId,
          ClientId: t.clientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: start.Session,
          ChallengeResponses: { USERNAME: email, NEW_PASSWORD: 'Permanent-Pass-2', ...extra },
        }),
      );
    expect(await failure(answer({ 'userAttributes.cognito:groups': 'admins' }))).toEqual({ name: 'InvalidParameterException', message: NOT_IN_SCHEMA('cognito:groups'), status: 400 });
    expect(await failure(answer({ 'userAttributes.custom:role': 'admin' }))).toMatchObject({ name: 'InvalidParameterException' });
    expect(await failure(answer({ 'userAttributes.email_verified': 'true' }))).toEqual(UNAUTHORIZED);
    const done = await answer({ 'userAttributes.given_name': 'Invited' });
    const claims = decode(done.AuthenticationResult!.IdToken!);
    expect(claims.given_name).toBe('Invited');
    expect(claims).not.toHaveProperty('cognito:groups');
    expect(claims).not.toHaveProperty('custom:role');
  });
});

describe("a template's Schema and the client's WriteAttributes / ReadAttributes", () => {
  const withSchema: CfnTemplate = structuredClone(template);
  withSchema.Resources.UserPool!.Properties!.Schema = [
    { Name: 'email', Required: true, Mutable: true },
    { Name: 'role', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MinLength: '1', MaxLength: '16' } },
    { Name: 'plan', AttributeDataType: 'String', Mutable: true },
    { Name: 'internal', AttributeDataType: 'String', DeveloperOnlyAttribute: true },
    { Name: 'joined', AttributeDataType: 'String', Mutable: false },
  ];
  withSchema.Resources.UserPool!.Properties!.UserAttributeUpdateSettings = { AttributesRequireVerificationBeforeUpdate: ['email'] };
  // The web client may write only email and custom:plan, and read all but custom:role.
  withSchema.Resources.WebClient!.Properties!.WriteAttributes = ['email', 'custom:plan'];
  withSchema.Resources.WebClient!.Properties!.ReadAttributes = ['email', 'email_verified', 'custom:plan'];
  let dataDir: string;
  let server: Awaited<ReturnType<typeof startCognitoServer>>;
  let idp: CognitoIdentityProviderClient;
  let poolId: string;
  let clientId: string;
  let legacyClientId: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cognito-schema-'));
    const stack = createLocalStack({ stackName: 'Schema', template: withSchema, assemblyDir: tmpdir() });
    server = await startCognitoServer({ stack, dataDir, log: () => {} });
    idp = new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint: server.url, credentials: { ...server.cognito.adminCredentials }, maxAttempts: 1 });
    poolId = stack.physicalId('UserPool');
    clientId = stack.physicalId('WebClient');
    legacyClientId = stack.physicalId('LegacyClient');
  });
  afterAll(async () => {
    idp.destroy();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a client writes only its WriteAttributes; other clients write the standard and custom ones', async () => {
    expect(await failure(signUp([{ Name: 'custom:role', Value: 'admin' }], uniqueEmail('schema'), clientId, idp))).toEqual(UNAUTHORIZED);
    expect(await failure(signUp([{ Name: 'given_name', Value: 'Ann' }], uniqueEmail('schema'), clientId, idp))).toEqual(UNAUTHORIZED);
    expect(await failure(signUp([{ Name: 'dev:custom:internal', Value: 'x' }], uniqueEmail('schema'), legacyClientId, idp))).toEqual(UNAUTHORIZED);
    expect((await failure(signUp([{ Name: 'custom:role', Value: 'x'.repeat(17) }], uniqueEmail('schema'), legacyClientId, idp))).message).toBe(
      'Attributes did not conform to the schema: custom:role: String must be no longer than 16 characters\n',
    );
    await signUp([{ Name: 'custom:plan', Value: 'gold' }], uniqueEmail('schema'), clientId, idp);
    await signUp([{ Name: 'custom:role', Value: 'rider' }, { Name: 'given_name', Value: 'Ann' }], uniqueEmail('schema'), legacyClientId, idp);
  });

  it('the ID token carries only what the client may read', async () => {
    const email = uniqueEmail('schema-read');
    await idp.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: email,
        TemporaryPassword: PASSWORD,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email_verified', Value: 'true' },
          { Name: 'custom:role', Value: 'admin' },
          { Name: 'custom:plan', Value: 'gold' },
          { Name: 'dev:custom:internal', Value: 'x' },
        ],
      }),
    );
    const start = await idp.send(new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } }));
    const done = await idp.send(
      new AdminRespondToAuthChallengeCommand({ UserPoolId: poolId, ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: start.Session, ChallengeResponses: { USERNAME: email, NEW_PASSWORD: 'Permanent-Pass-2' } }),
    );
    const claims = decode(done.AuthenticationResult!.IdToken!);
    expect(claims).toMatchObject({ email, 'custom:plan': 'gold' });
    expect(claims).not.toHaveProperty('custom:role');
    expect(claims).not.toHaveProperty('dev:custom:internal');
    const me = await idp.send(new GetUserCommand({ AccessToken: done.AuthenticationResult!.AccessToken }));
    expect(me.UserAttributes?.map((a) => a.Name)).not.toContain('custom:role');
  });

  it('an immutable attribute is written at creation only', async () => {
    const email = uniqueEmail('schema-immutable');
    await idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: email, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'custom:joined', Value: '2026' }] }));
    expect(await failure(idp.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: email, UserAttributes: [{ Name: 'custom:joined', Value: '1999' }] })))).toEqual({
      name: 'InvalidParameterException',
      message: 'user.custom:joined: Attribute cannot be updated.\n',
      status: 400,
    });
  });

  it('where the pool keeps the original email, a new one waits for its code, and the old one stays verified', async () => {
    const email = uniqueEmail('schema-keep');
    await idp.send(
      new AdminCreateUserCommand({ UserPoolId: poolId, Username: email, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email_verified', Value: 'true' }] }),
    );
    await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: email, Password: PASSWORD, Permanent: true }));
    const signIn = (login: string) => idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: login, PASSWORD } }));
    const { AccessToken } = (await signIn(email)).AuthenticationResult!;
    const next = uniqueEmail('schema-next');
    const out = await idp.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email', Value: next }] }));
    expect(out.CodeDeliveryDetailsList).toHaveLength(1);
    const attrs = (await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: email }))).UserAttributes;
    expect(attrs).toEqual(expect.arrayContaining([{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }]));
    const code = server.cognito.mailbox().filter((m) => m.to === next).at(-1)!.code;
    await idp.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: code }));
    expect((await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: next }))).UserAttributes).toEqual(
      expect.arrayContaining([{ Name: 'email', Value: next }, { Name: 'email_verified', Value: 'true' }]),
    );
    expect((await signIn(next)).AuthenticationResult?.AccessToken).toBeDefined();
  });
});
