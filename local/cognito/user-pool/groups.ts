import type { UserPoolConfig, UserPoolGroupConfig } from '../config-from-template.js';
import { GroupExistsException, InvalidParameterException, ResourceNotFoundException } from '../errors.js';
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
    const group = ctx.groupsOf(pool).get(name);
    if (!group) throw new ResourceNotFoundException('Group not found.');
    return group;
  };

  return {
    /**
     * A new group of the pool, kept in the data folder (the template's groups cannot be
     * made again). Validated as the cognito-idp model says: GroupName 1–128 characters of
     * letters, marks, symbols, digits and punctuation; Precedence ≥ 0; RoleArn an IAM role ARN
     * of 20–2048 characters; Description at most 2048.
     */
    CreateGroup(input) {
      const pool = ctx.poolById(requiredString(input, 'UserPoolId'));
      const name = requiredString(input, 'GroupName');
      if (name.length > 128 || !/^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u.test(name)) {
        throw new InvalidParameterException(`1 validation error detected: Value '${name}' at 'groupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+`);
      }
      const description = optionalString(input, 'Description');
      if (description !== undefined && description.length > 2048) {
        throw new InvalidParameterException("1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 2048");
      }
      const precedence = optionalInteger(input, 'Precedence');
      if (precedence !== undefined && precedence < 0) {
        throw new InvalidParameterException(`1 validation error detected: Value '${precedence}' at 'precedence' failed to satisfy constraint: Member must have value greater than or equal to 0`);
      }
      const roleArn = optionalString(input, 'RoleArn');
      if (roleArn !== undefined && (roleArn.length < 20 || roleArn.length > 2048 || !/^arn:[\w+=/,.@-]+:iam::\d{12}:role\/[\w+=/,.@-]+$/.test(roleArn))) {
        throw new InvalidParameterException(`1 validation error detected: Value '${roleArn}' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?`);
      }
      if (ctx.groupsOf(pool).has(name)) throw new GroupExistsException('A group with the name already exists.');
      const t = ctx.now();
      const record = {
        name,
        ...(description !== undefined ? { description } : {}),
        ...(precedence !== undefined ? { precedence } : {}),
        ...(roleArn !== undefined ? { roleArn } : {}),
        createdAt: t,
        modifiedAt: t,
      };
      file.state.userPools[pool.id]!.groups![name] = record;
      file.commit();
      return {
        Group: {
          GroupName: name,
          UserPoolId: pool.id,
          ...(description !== undefined ? { Description: description } : {}),
          ...(roleArn !== undefined ? { RoleArn: roleArn } : {}),
          ...(precedence !== undefined ? { Precedence: precedence } : {}),
          CreationDate: t / 1000,
          LastModifiedDate: t / 1000,
        },
      };
    },

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
      const poolGroups = ctx.groupsOf(pool);
      const groups = (user.groups ?? []).flatMap((name) => {
        const group = poolGroups.get(name);
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
