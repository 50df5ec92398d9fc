import { AdminAddUserToGroupCommand, AdminListGroupsForUserCommand, AdminRemoveUserFromGroupCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCognito, uniqueEmail, type TestCognito } from '../fixtures.js';
import { userPoolHelpers } from './helpers.js';

/** Groups from the template (AWS::Cognito::UserPoolGroup), membership by the Admin* calls, `cognito:groups` in the tokens. */
let t: TestCognito;
beforeAll(async () => {
  t = await startTestCognito();
});
afterAll(async () => {
  await t.close();
});
const { failure, confirmedUser, tokens, decode } = userPoolHelpers(() => t);

describe('user-pool groups', () => {
  it('a user in no group has no cognito:groups claim', async () => {
    const { email } = await confirmedUser();
    const { IdToken, AccessToken } = await tokens(email);
    expect(decode(IdToken)).not.toHaveProperty('cognito:groups');
    expect(decode(AccessToken)).not.toHaveProperty('cognito:groups');
  });

  it('AdminAddUserToGroup: the next tokens carry cognito:groups (ID and access), lowest precedence first; adding twice is no error', async () => {
    const { email } = await confirmedUser();
    for (const GroupName of ['suspended', 'staff', 'suspended']) {
      expect(await t.idp.send(new AdminAddUserToGroupCommand({ UserPoolId: t.poolId, Username: email, GroupName }))).toMatchObject({ $metadata: { httpStatusCode: 200 } });
    }
    const { IdToken, AccessToken } = await tokens(email);
    expect(decode(IdToken)['cognito:groups']).toEqual(['staff', 'suspended']);
    expect(decode(AccessToken)['cognito:groups']).toEqual(['staff', 'suspended']);
    const listed = await t.idp.send(new AdminListGroupsForUserCommand({ UserPoolId: t.poolId, Username: email }));
    expect(listed.Groups!.map((g) => [g.GroupName, g.Precedence, g.UserPoolId])).toEqual([
      ['suspended', 5, t.poolId],
      ['staff', 1, t.poolId],
    ]);
    expect(listed.Groups![0]!.Description).toBe('May not book rides');
  });

  it('AdminRemoveUserFromGroup: gone from the list and from the next tokens', async () => {
    const { email } = await confirmedUser();
    await t.idp.send(new AdminAddUserToGroupCommand({ UserPoolId: t.poolId, Username: email, GroupName: 'suspended' }));
    await t.idp.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: t.poolId, Username: email, GroupName: 'suspended' }));
    expect((await t.idp.send(new AdminListGroupsForUserCommand({ UserPoolId: t.poolId, Username: email }))).Groups).toEqual([]);
    expect(decode((await tokens(email)).IdToken)).not.toHaveProperty('cognito:groups');
  });

  it('a group the pool does not have: ResourceNotFoundException "Group not found."; a missing user: UserNotFoundException', async () => {
    const { email } = await confirmedUser();
    expect(await failure(t.idp.send(new AdminAddUserToGroupCommand({ UserPoolId: t.poolId, Username: email, GroupName: 'admins' })))).toMatchObject({ name: 'ResourceNotFoundException', message: 'Group not found.', status: 400 });
    expect(await failure(t.idp.send(new AdminAddUserToGroupCommand({ UserPoolId: t.otherPoolId, Username: email, GroupName: 'suspended' })))).toMatchObject({ name: 'UserNotFoundException' });
    expect(await failure(t.idp.send(new AdminListGroupsForUserCommand({ UserPoolId: t.poolId, Username: uniqueEmail('nobody') })))).toMatchObject({ name: 'UserNotFoundException', message: 'User does not exist.' });
  });

  it('is an admin action: unsigned calls are refused', async () => {
    const { email } = await confirmedUser();
    const anonymous = new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint: t.url, maxAttempts: 1, credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'not-the-admin' } });
    const refused = await failure(anonymous.send(new AdminAddUserToGroupCommand({ UserPoolId: t.poolId, Username: email, GroupName: 'suspended' })));
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect((await t.idp.send(new AdminListGroupsForUserCommand({ UserPoolId: t.poolId, Username: email }))).Groups).toEqual([]);
  });
});
