import type { UserPoolConfig, UserPoolGroupConfig } from '../config-from-template.js';
import { InvalidParameterException, ResourceNotFoundException } from '../errors.js';
import { optionalInteger, optionalString, requiredString, type Input } from '../params.js';
import type { Actions } from './action.js';
import type { UserPoolContext } from './context.js';

/**
 * Group membership, as an administrator manages it (IAM-signed, like every
 * Admin* action). The groups themselves come from the template
 * (AWS::Cognito::UserPoolGroup); a user's groups reach the tokens as
 * `cognito:groups` (sign-in.ts) from the next sign-in or refresh on.
 */
export function groupActions(ctx: UserPoolContext): Actions {
  const { file } = ctx;
  const target = (input: Input) => {
    const pool = ctx.poolById(requiredString(input, 'UserPoolId'));
    return { pool, user: ctx.findOrFail(pool, requiredString(input, 'Username')) };
  };
  /** The named group of the pool: Cognito answers ResourceNotFoundException "Group not found." for any other. */
  const groupOf = (pool: UserPoolConfig, input: Input): UserPoolGroupConfig => {
    const name = requiredString(input, 'GroupName');
    const group = pool.groups.get(name);
    if (!group) throw new ResourceNotFoundException('Group not found.');
    return group;
  };

  return {
    AdminAddUserToGroup(input) {
      const { pool, user } = target(input);
      const group = groupOf(pool, input);
      // Adding a member again changes nothing and is no error.
      if (!(user.groups ?? []).includes(group.name)) {
        user.groups = [...(user.groups ?? []), group.name];
        file.commit();
      }
      return {};
    },

    AdminRemoveUserFromGroup(input) {
      const { pool, user } = target(input);
      const group = groupOf(pool, input);
      if ((user.groups ?? []).includes(group.name)) {
        user.groups = user.groups!.filter((name) => name !== group.name);
        file.commit();
      }
      return {};
    },

    /**
     * The members of a group, oldest first, paged by NextToken (Limit 0–60; 0 or absent means 60).
     * Each as UserType, its attributes under `Attributes` as ListUsers lists them.
     */
    ListUsersInGroup(input) {
      const pool = ctx.poolById(requiredString(input, 'UserPoolId'));
      const group = groupOf(pool, input);
      const limit = optionalInteger(input, 'Limit');
      if (limit !== undefined && (limit < 0 || limit > 60)) {
        throw new InvalidParameterException(`1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60`);
      }
      const members = Object.values(ctx.usersOf(pool))
        .filter((user) => (user.groups ?? []).includes(group.name))
        .sort((a, b) => a.createdAt - b.createdAt || a.username.localeCompare(b.username));
      const token = optionalString(input, 'NextToken');
      const start = token === undefined ? 0 : Number.parseInt(Buffer.from(token, 'base64url').toString('utf8'), 10);
      if (!Number.isInteger(start) || start < 0) throw new InvalidParameterException('Invalid pagination token.');
      const page = members.slice(start, start + (limit || 60));
      const next = start + page.length;
      return {
        Users: page.map((user) => ctx.userType(user, 'Attributes')),
        ...(next < members.length ? { NextToken: Buffer.from(String(next)).toString('base64url') } : {}),
      };
    },

    AdminListGroupsForUser(input) {
      const { pool, user } = target(input);
      const limit = optionalInteger(input, 'Limit');
      if (limit !== undefined && (limit < 0 || limit > 60)) {
        throw new InvalidParameterException(`1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60`);
      }
      const groups = (user.groups ?? []).flatMap((name) => {
        const group = pool.groups.get(name);
        return group ? [group] : [];
      });
      return {
        Groups: groups.slice(0, limit || 60).map((group) => ({
          GroupName: group.name,
          UserPoolId: pool.id,
          ...(group.description !== undefined ? { Description: group.description } : {}),
          ...(group.roleArn !== undefined ? { RoleArn: group.roleArn } : {}),
          ...(group.precedence !== undefined ? { Precedence: group.precedence } : {}),
        })),
      };
    },
  };
}
