import { InvalidParameterException } from './errors.js';

/** A parsed JSON request body. */
export type Input = Record<string, unknown>;

const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** A required string member, refused the way Cognito's model validation refuses it. */
export function requiredString(input: Input, name: string): string {
  const value = input[name];
  if (typeof value !== 'string' || value.length === 0) {
    throw new InvalidParameterException(
      value === undefined || value === null
        ? `1 validation error detected: Value null at '${camel(name)}' failed to satisfy constraint: Member must not be null`
        : `1 validation error detected: Value at '${camel(name)}' failed to satisfy constraint: Member must have length greater than or equal to 1`,
    );
  }
  return value;
}

export function optionalString(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new InvalidParameterException(`1 validation error detected: Value at '${camel(name)}' must be a string`);
  return value;
}

/** A string-to-string map member (AuthParameters, ChallengeResponses, Logins). */
export function stringMap(input: Input, name: string): Record<string, string> {
  const value = input[name];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new InvalidParameterException(`${name} must be a map of strings`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v !== 'string') throw new InvalidParameterException(`${name}.${k} must be a string`);
    out[k] = v;
  }
  return out;
}

/** A list of `{Name, Value}` attributes, as a record. */
export function attributeList(input: Input, name: string): Record<string, string> {
  const value = input[name];
  if (value === undefined || value === null) return {};
  if (!Array.isArray(value)) throw new InvalidParameterException(`${name} must be a list of attributes`);
  const out: Record<string, string> = {};
  for (const item of value as unknown[]) {
    const attr = item as { Name?: unknown; Value?: unknown };
    if (!attr || typeof attr.Name !== 'string') throw new InvalidParameterException(`${name} has an attribute without a name`);
    out[attr.Name] = typeof attr.Value === 'string' ? attr.Value : '';
  }
  return out;
}

export function optionalInteger(input: Input, name: string): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new InvalidParameterException(`${name} must be an integer`);
  return value;
}
