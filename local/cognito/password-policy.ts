import { InvalidPasswordException } from './errors.js';

/** A pool's password rules, from `Policies.PasswordPolicy` of the template (with CloudFormation's defaults). */
export interface PasswordPolicy {
  minimumLength: number;
  requireLowercase: boolean;
  requireUppercase: boolean;
  requireNumbers: boolean;
  requireSymbols: boolean;
  temporaryPasswordValidityDays: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minimumLength: 8,
  requireLowercase: true,
  requireUppercase: true,
  requireNumbers: true,
  requireSymbols: true,
  temporaryPasswordValidityDays: 7,
};

/** The characters Cognito counts as symbols. */
const SYMBOLS = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- ';

/** The first rule a password breaks, in Cognito's words, or undefined if it meets them all. */
export function passwordProblem(policy: PasswordPolicy, password: string): string | undefined {
  if ([...password].length < policy.minimumLength) return 'Password not long enough';
  if (policy.requireLowercase && !/[a-z]/.test(password)) return 'Password must have lowercase characters';
  if (policy.requireUppercase && !/[A-Z]/.test(password)) return 'Password must have uppercase characters';
  if (policy.requireNumbers && !/[0-9]/.test(password)) return 'Password must have numeric characters';
  if (policy.requireSymbols && ![...password].some((c) => SYMBOLS.includes(c))) return 'Password must have symbol characters';
  return undefined;
}

export function assertPasswordMeetsPolicy(policy: PasswordPolicy, password: string): void {
  const problem = passwordProblem(policy, password);
  if (problem) throw new InvalidPasswordException(`Password did not conform with policy: ${problem}`);
}
