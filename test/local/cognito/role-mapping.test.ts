import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { AdminAddUserToGroupCommand, AdminListGroupsForUserCommand, CreateGroupCommand, ListUsersInGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCognito, type TestCognito } from './fixtures.js';
import { userPoolHelpers } from './user-pool/helpers.js';

/**
 * Groups that carry a role, and the identity pool's Token role mapping: the
 * role ARNs reach the ID token as `cognito:roles` / `cognito:preferred_role`,
 * and GetCredentialsForIdentity hands out the preferred role, or the pool's
 * authenticated role when the token names none. Real SDK clients throughout.
 */
let t: TestCognito;
beforeAll(async () => {
  t = await startTestCognito();
});
afterAll(async () => {
  await t.close();
});
const { failure, confirmedUser, tokens, decode } = userPoolHelpers(() => t);
const roleArn = (logicalId: string) => t.stack.resolve<string>({ 'Fn::GetAtt': [logicalId, 'Arn'] });
const join = (email: string, GroupName: string) => t.idp.send(new AdminAddUserToGroupCommand({ UserPoolId: t.poolId, Username: email, GroupName }));

/** The role the identity pool gave for these tokens, as the local API Gateway will see it. */
async function roleOfCredentials(idToken: string): Promise<string> {
  const Logins = { [`cognito-idp.us-east-1.amazonaws.com/${t.poolId}`]: idToken };
  const { IdentityId } = await t.identity.send(new GetIdCommand({ IdentityPoolId: t.identityPoolId, Logins }));
  const { Credentials } = await t.identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
  return t.cognito.lookupCredentials(Credentials!.AccessKeyId!)!.assumedRoleArn;
}

describe('roles of groups in the ID token', () => {
  it('a user in no group with a role: no cognito:roles, no cognito:preferred_role', async () => {
    const { email } = await confirmedUser();
    await join(email, 'staff');
    const claims = decode((await tokens(email)).IdToken);
    expect(claims['cognito:groups']).toEqual(['staff']);
    expect(claims).not.toHaveProperty('cognito:roles');
    expect(claims).not.toHaveProperty('cognito:preferred_role');
  });

  it('a dispatcher: the group\'s role in cognito:roles and as cognito:preferred_role, in the ID token only', async () => {
    const { email } = await confirmedUser();
    await join(email, 'dispatchers');
    await join(email, 'staff');
    const { IdToken, AccessToken } = await tokens(email);
    expect(decode(IdToken)).toMatchObject({ 'cognito:groups': ['staff', 'dispatchers'], 'cognito:roles': [roleArn('DispatcherRole')], 'cognito:preferred_role': roleArn('DispatcherRole') });
    expect(decode(AccessToken)).not.toHaveProperty('cognito:roles');
    expect(decode(AccessToken)).not.toHaveProperty('cognito:preferred_role');
  });
});

describe('the identity pool\'s Token role mapping', () => {
  it('a rider gets the authenticated role (AmbiguousRoleResolution AuthenticatedRole); a dispatcher the dispatchers\' role', async () => {
    const rider = await confirmedUser();
    expect(await roleOfCredentials((await tokens(rider.email)).IdToken)).toMatch(/:assumed-role\/[^/]*AuthenticatedRole[^/]*\/CognitoIdentityCredentials$/);
    const dispatcher = await confirmedUser();
    await join(dispatcher.email, 'dispatchers');
    const role = await roleOfCredentials((await tokens(dispatcher.email)).IdToken);
    expect(role).toBe(`arn:aws:sts::123456789012:assumed-role/${roleArn('DispatcherRole').split('/').pop()}/CognitoIdentityCredentials`);
  });

  it('membership counts from the next sign-in: tokens issued before joining still map to the riders\' role', async () => {
    const { email } = await confirmedUser();
    const before = (await tokens(email)).IdToken;
    await join(email, 'dispatchers');
    expect(await roleOfCredentials(before)).toMatch(/AuthenticatedRole/);
  });
});

describe('ListUsersInGroup', () => {
  it('lists the group\'s members with their attributes, paged by NextToken', async () => {
    const a = await confirmedUser();
    const b = await confirmedUser();
    const group = 'suspended';
    await join(a.email, group);
    await join(b.email, group);
    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await t.idp.send(new ListUsersInGroupCommand({ UserPoolId: t.poolId, GroupName: group, Limit: 1, NextToken }));
      expect(page.Users!.length).toBeLessThanOrEqual(1);
      seen.push(...page.Users!.map((u) => u.Attributes!.find((x) => x.Name === 'email')!.Value!));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(seen).toEqual(expect.arrayContaining([a.email, b.email]));
  });

  it('a group the pool does not have: ResourceNotFoundException "Group not found."', async () => {
    expect(await failure(t.idp.send(new ListUsersInGroupCommand({ UserPoolId: t.poolId, GroupName: 'admins' })))).toMatchObject({ name: 'ResourceNotFoundException', message: 'Group not found.' });
  });
});

describe('CreateGroup', () => {
  it('makes a group that members join, whose role reaches their tokens, and which is still there after a restart', async () => {
    const RoleArn = roleArn('DispatcherRole');
    const made = await t.idp.send(new CreateGroupCommand({ UserPoolId: t.poolId, GroupName: 'night-shift', Description: 'Late dispatchers', Precedence: 0, RoleArn }));
    expect(made.Group).toMatchObject({ GroupName: 'night-shift', UserPoolId: t.poolId, Precedence: 0, RoleArn, Description: 'Late dispatchers' });
    expect(made.Group!.CreationDate).toBeInstanceOf(Date);
    const { email } = await confirmedUser();
    await join(email, 'night-shift');
    await join(email, 'dispatchers');
    expect(decode((await tokens(email)).IdToken)).toMatchObject({ 'cognito:groups': ['night-shift', 'dispatchers'], 'cognito:preferred_role': RoleArn });

    const dataDir = t.dataDir;
    await t.close(true);
    t = await startTestCognito({ dataDir });
    const listed = await t.idp.send(new AdminListGroupsForUserCommand({ UserPoolId: t.poolId, Username: email }));
    expect(listed.Groups!.map((g) => g.GroupName).sort()).toEqual(['dispatchers', 'night-shift']);
  });

  it('refuses a name the pool already has (GroupExistsException), and bad values with the model\'s validation message', async () => {
    expect(await failure(t.idp.send(new CreateGroupCommand({ UserPoolId: t.poolId, GroupName: 'dispatchers' })))).toMatchObject({ name: 'GroupExistsException', status: 400 });
    expect(await failure(t.idp.send(new CreateGroupCommand({ UserPoolId: t.poolId, GroupName: 'has space' })))).toMatchObject({ name: 'InvalidParameterException', message: expect.stringMatching(/at 'groupName' failed to satisfy constraint/) });
    expect(await failure(t.idp.send(new CreateGroupCommand({ UserPoolId: t.poolId, GroupName: 'x', RoleArn: 'not-a-role-arn-at-all' })))).toMatchObject({ name: 'InvalidParameterException', message: expect.stringMatching(/at 'roleArn'/) });
    expect(await failure(t.idp.send(new CreateGroupCommand({ UserPoolId: t.poolId, GroupName: 'y', Precedence: -1 })))).toMatchObject({ name: 'InvalidParameterException' });
  });
});
