import { InvalidParameterException } from '../errors.js';
import type { UserRecord } from '../model.js';
import { optionalInteger, optionalString, requiredString } from '../params.js';
import type { Action } from './action.js';
import type { UserPoolContext } from './context.js';

/** ListUsers: the pool's users, oldest first, filtered and paged. */
export function listUsersAction(ctx: UserPoolContext): Action {
  return (input) => {
    const pool = ctx.poolById(requiredString(input, 'UserPoolId'));
    const limit = optionalInteger(input, 'Limit') ?? 60;
    if (limit < 0 || limit > 60) throw new InvalidParameterException(`1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60`);
    const filter = parseFilter(optionalString(input, 'Filter'));
    const only = Array.isArray(input.AttributesToGet) ? (input.AttributesToGet as unknown[]).map(String) : undefined;
    const all = Object.values(ctx.usersOf(pool))
      .filter((u) => filter(u))
      .sort((a, b) => a.createdAt - b.createdAt || a.username.localeCompare(b.username));
    const token = optionalString(input, 'PaginationToken');
    const start = token === undefined ? 0 : Number.parseInt(Buffer.from(token, 'base64url').toString('utf8'), 10);
    if (!Number.isInteger(start) || start < 0) throw new InvalidParameterException('Invalid pagination token.');
    const page = all.slice(start, start + (limit || 60));
    const next = start + page.length;
    return {
      Users: page.map((u) => ctx.userType(u, 'Attributes', only)),
      ...(next < all.length ? { PaginationToken: Buffer.from(String(next)).toString('base64url') } : {}),
    };
  };
}

/** ListUsers' filter: `attribute = "value"` (exact) or `attribute ^= "value"` (prefix). */
function parseFilter(filter: string | undefined): (user: UserRecord) => boolean {
  if (filter === undefined || filter.trim() === '') return () => true;
  const m = /^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  if (!m) throw new InvalidParameterException('Error while parsing filter.');
  const [, name, op, raw] = m as unknown as [string, string, string, string];
  const value = raw.replace(/\\(.)/g, '$1');
  const read = (u: UserRecord): string | undefined => {
    if (name === 'username') return u.username;
    if (name === 'sub') return u.sub;
    if (name === 'cognito:user_status') return u.status;
    if (name === 'status') return u.enabled ? 'Enabled' : 'Disabled';
    return Object.hasOwn(u.attributes, name) ? u.attributes[name] : undefined;
  };
  return (u) => {
    const actual = read(u);
    if (actual === undefined) return false;
    return op === '=' ? actual === value : actual.startsWith(value);
  };
}
