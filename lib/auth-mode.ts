import { ConfigError } from './config-error.js';

/**
 * How `POST /ride` is protected. The workshop's three steps:
 * - `none`: open, as in Module 2 before any authorizer;
 * - `cognito`: a Cognito user-pool authorizer reads the rider's ID token from `Authorization`;
 * - `iam`: AWS_IAM, the request is SigV4-signed with identity-pool credentials;
 * - `lambda`: a Lambda (TOKEN) authorizer verifies the ID token and returns a policy.
 */
export const AUTH_MODES = ['none', 'cognito', 'iam', 'lambda'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];
export const DEFAULT_AUTH_MODE: AuthMode = 'cognito';

/** `-c authMode=` names no known mode. */
export class InvalidAuthModeError extends ConfigError {
  override name = 'InvalidAuthModeError';
  constructor(value: unknown) {
    super(`Unknown authMode "${String(value)}". Valid values: ${AUTH_MODES.join(', ')} (e.g. cdk synth -c authMode=iam)`);
  }
}

export function isAuthMode(value: unknown): value is AuthMode {
  return typeof value === 'string' && (AUTH_MODES as readonly string[]).includes(value);
}

/** Reads the context value; absent means the default, anything unknown is an error that lists the valid values. */
export function parseAuthMode(value: unknown): AuthMode {
  if (value === undefined || value === null || value === '') return DEFAULT_AUTH_MODE;
  if (!isAuthMode(value)) throw new InvalidAuthModeError(value);
  return value;
}
