import type { UserPoolConfig } from '../config-from-template.js';
import type { KeyRing } from '../keys.js';
import type { Input } from '../params.js';
import type { StateFile } from '../state-file.js';

/**
 * One user-pool action (AWSCognitoIdentityProviderService.<Name>): a plain
 * function from the parsed request to the response object. Nothing here knows
 * about HTTP; errors are thrown as the named Cognito exceptions of errors.ts.
 */
export type Action = (input: Input) => unknown;

/** A group of actions, by name, as each group file returns them. */
export type Actions = Record<string, Action>;

/** What the user-pool API is built from. */
export interface UserPoolDeps {
  userPools: UserPoolConfig[];
  file: StateFile;
  keys: KeyRing;
  now: () => number;
  log: (line: string) => void;
}
