import type { UserPoolClientConfig, UserPoolConfig } from '../config-from-template.js';
import { InvalidParameterException, NotAuthorizedException } from '../errors.js';
import type { Input } from '../params.js';

/**
 * User attributes as Cognito checks them, in this order:
 *
 * 1. The API model: a name of 1 to 32 characters, a value of at most 2048
 *    (AttributeType in the CloudFormation/API reference), refused as a coral
 *    validation error naming the member, never echoing the (sensitive) value.
 * 2. The pool's schema: any other name, `cognito:*` included, is refused with
 *    InvalidParameterException "Attributes did not conform to the schema:
 *    <name>: Attribute does not exist in the schema." (one line per attribute,
 *    as users of the real service report it, e.g. aws-amplify/amplify-flutter#509,
 *    aws-amplify/amplify-js#2167). A String value longer than the schema's
 *    MaxLength is refused the same way.
 * 3. What the caller may write. An app client (SignUp, UpdateUserAttributes,
 *    NEW_PASSWORD_REQUIRED) writes only its WriteAttributes; without them, the
 *    standard attributes and the pool's custom ones, but never `sub`,
 *    `email_verified`, `phone_number_verified` or developer-only attributes
 *    (the developer guide lists the standard attributes an app client writes
 *    by default without the two *_verified ones). Anything else is
 *    NotAuthorizedException "A client attempted to write unauthorized
 *    attribute" (aws/aws-sdk-js#1319, #3603). Admin calls (IAM credentials) may
 *    write every schema attribute.
 */
export const MAX_ATTRIBUTE_NAME = 32;
export const MAX_ATTRIBUTE_VALUE = 2048;

const NOT_CLIENT_WRITABLE = new Set(['sub', 'email_verified', 'phone_number_verified']);

const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/**
 * A list of `{Name, Value}` from the request, as a Map: request names never
 * become keys of a plain object (`__proto__`, `constructor`...). A name given
 * twice keeps its last value, as Cognito does.
 */
export function attributeInput(input: Input, member: string): Map<string, string> {
  const value = Object.hasOwn(input, member) ? input[member] : undefined;
  const out = new Map<string, string>();
  if (value === undefined || value === null) return out;
  if (!Array.isArray(value)) throw new InvalidParameterException(`1 validation error detected: Value at '${camel(member)}' failed to satisfy constraint: Member must be a list`);
  value.forEach((item: unknown, i) => {
    const at = `${camel(member)}.${i + 1}.member`;
    const attr = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    const name = Object.hasOwn(attr, 'Name') ? attr.Name : undefined;
    const text = Object.hasOwn(attr, 'Value') ? attr.Value : undefined;
    if (typeof name !== 'string') throw new InvalidParameterException(`1 validation error detected: Value null at '${at}.name' failed to satisfy constraint: Member must not be null`);
    if (name.length < 1 || name.length > MAX_ATTRIBUTE_NAME) {
      throw new InvalidParameterException(`1 validation error detected: Value at '${at}.name' failed to satisfy constraint: Member must have length ${name.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_ATTRIBUTE_NAME}`}`);
    }
    if (text !== undefined && text !== null && typeof text !== 'string') throw new InvalidParameterException(`1 validation error detected: Value at '${at}.value' must be a string`);
    const str = typeof text === 'string' ? text : '';
    if (str.length > MAX_ATTRIBUTE_VALUE) {
      throw new InvalidParameterException(`1 validation error detected: Value at '${at}.value' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ATTRIBUTE_VALUE}`);
    }
    out.set(name, str);
  });
  return out;
}

/** Who writes: an app client (its WriteAttributes apply) or an administrator. */
export type AttributeWriter = { client: UserPoolClientConfig } | 'admin';

/** May this app client write this attribute of this pool? */
export function clientMayWrite(pool: UserPoolConfig, client: UserPoolClientConfig, name: string): boolean {
  const attribute = pool.schema.get(name);
  if (!attribute || attribute.developerOnly) return false;
  return client.writeAttributes ? client.writeAttributes.has(name) : !NOT_CLIENT_WRITABLE.has(name);
}

/**
 * Refuses what the pool's schema does not have and what the writer may not
 * write (see above). Updates of an existing user (`update`) word it as
 * Cognito does there, `user.<name>: ...` per line with no prefix
 * (aws-amplify/amplify-flutter#1531), and refuse immutable attributes:
 * "user.<name>: Attribute cannot be updated." (aws-amplify/amplify-js#3526);
 * an immutable attribute is written only when the user is made.
 */
export function assertWritable(pool: UserPoolConfig, writer: AttributeWriter, attributes: Map<string, string>, when: 'create' | 'update' = 'create'): void {
  const problems: string[] = [];
  for (const [name, value] of attributes) {
    const attribute = pool.schema.get(name);
    const who = when === 'update' ? `user.${name}` : name;
    if (!attribute) problems.push(`${who}: Attribute does not exist in the schema.`);
    else if (when === 'update' && !attribute.mutable) problems.push(`${who}: Attribute cannot be updated.`);
    // The wording of this one is our own: no answer of the real service quoting it was found.
    else if (value.length > Math.min(attribute.maxLength ?? MAX_ATTRIBUTE_VALUE, MAX_ATTRIBUTE_VALUE)) {
      problems.push(`${who}: String must be no longer than ${Math.min(attribute.maxLength ?? MAX_ATTRIBUTE_VALUE, MAX_ATTRIBUTE_VALUE)} characters`);
    }
  }
  if (problems.length > 0) {
    const lines = problems.map((p) => `${p}\n`).join('');
    throw new InvalidParameterException(when === 'update' ? lines : `Attributes did not conform to the schema: ${lines}`);
  }
  for (const name of attributes.keys()) {
    // An administrator's `sub` is dropped when the user is made (as before), never stored.
    const allowed = writer === 'admin' || clientMayWrite(pool, writer.client, name);
    if (!allowed) throw new NotAuthorizedException('A client attempted to write unauthorized attribute');
  }
}

/** The attributes a client may read (ReadAttributes; all of them without it). `sub` is always readable. */
export function clientMayRead(client: UserPoolClientConfig, name: string): boolean {
  return name === 'sub' || !client.readAttributes || client.readAttributes.has(name);
}
