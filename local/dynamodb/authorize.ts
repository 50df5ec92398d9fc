import { authorizeCaller, type Caller } from '../callers.js';
import type { LocalStack } from '../template/index.js';
import { accessDenied, type DynamoAuthError } from './errors.js';

/** `DynamoDB_20120810.PutItem` → `PutItem`; undefined for anything else. */
export function operationOf(target: string | undefined): string | undefined {
  const m = /^DynamoDB_20120810\.([A-Za-z]+)$/.exec(target ?? '');
  return m ? m[1] : undefined;
}

/**
 * The resources IAM evaluates for a DynamoDB call, as the DynamoDB service
 * authorization reference lists them: the table ARN, `table/NAME/index/INDEX`
 * for a Query or Scan of an index, every table of a batch, the resource ARN of
 * the tagging calls, `*` for ListTables. Undefined when the request does not
 * say (a malformed body): such a request is refused for a role session.
 */
export function resourcesOf(stack: LocalStack, operation: string, input: Record<string, unknown>): string[] | undefined {
  const table = (name: string) => `arn:aws:dynamodb:${stack.region}:${stack.accountId}:table/${name}`;
  switch (operation) {
    case 'ListTables':
      return ['*'];
    case 'BatchGetItem':
    case 'BatchWriteItem': {
      const items = input.RequestItems;
      if (!items || typeof items !== 'object' || Array.isArray(items)) return undefined;
      const names = Object.keys(items);
      return names.length === 0 ? undefined : names.map(table);
    }
    case 'TagResource':
    case 'UntagResource':
    case 'ListTagsOfResource':
      return typeof input.ResourceArn === 'string' ? [input.ResourceArn] : undefined;
    default:
      if (typeof input.TableName !== 'string') return undefined;
      return [typeof input.IndexName === 'string' ? `${table(input.TableName)}/index/${input.IndexName}` : table(input.TableName)];
  }
}

function parse(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * May this (already verified) caller make this call? The local admin may make
 * any; a role session (a function's role, identity-pool credentials) only what
 * its role's policies allow as `dynamodb:<Operation>` on every resource named.
 * Returns the refusal, or undefined to go on.
 */
export function authorizeDynamoCall(stack: LocalStack, caller: Caller, target: string | undefined, body: Buffer): DynamoAuthError | undefined {
  if (caller.kind === 'admin') return undefined;
  const operation = operationOf(target);
  const input = operation === undefined ? undefined : parse(body);
  const resources = operation === undefined || input === undefined ? undefined : resourcesOf(stack, operation, input);
  const action = `dynamodb:${operation ?? 'Unknown'}`;
  // What cannot be named cannot be allowed: a request whose resources are unclear is refused for a role session.
  if (resources === undefined) {
    return accessDenied(`User: ${caller.assumedRoleArn} is not authorized to perform: ${action} on resource: arn:aws:dynamodb:${stack.region}:${stack.accountId}:table/* because the request does not name its resource`);
  }
  const decision = authorizeCaller(stack, caller, action, resources);
  return decision.allowed ? undefined : accessDenied(decision.message);
}
