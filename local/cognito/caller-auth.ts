import type { IncomingMessage } from 'node:http';
import { authorizeCaller, type CallerLookup } from '../callers.js';
import {
  ExpiredTokenError,
  IncompleteSignatureError,
  InvalidSignatureError,
  MissingAuthenticationTokenError,
  SigV4Error,
  UnrecognizedClientError,
  verifySigV4,
} from '../sigv4/index.js';
import { rawRequestOf } from '../http/raw-request.js';
import type { LocalStack } from '../template/index.js';
import { CognitoError, named } from './errors.js';
import type { Input } from './params.js';
import { UNSIGNED_IDENTITY_POOL_ACTIONS, UNSIGNED_USER_POOL_ACTIONS } from './unsigned-actions.js';

/**
 * Cognito's refusals of a signed call. Like every Cognito error they are HTTP
 * 400 with a bare `__type` (no `com.amazon.coral...` prefix), e.g.
 * `{"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."}`
 * and `{"__type":"InvalidSignatureException","message":"The request signature we calculated does not match..."}`
 * as the SDKs report them (aws-sdk-php#2444, laravel-aws-cognito-auth#18/#25);
 * AccessDeniedException with status 400 and IAM's "... because no identity-based
 * policy allows the cognito-idp:X action" (terraform-aws-cognito-user-pool#116).
 */
export class MissingAuthenticationTokenException extends named('MissingAuthenticationTokenException') {}
export class IncompleteSignatureException extends named('IncompleteSignatureException') {}
export class InvalidSignatureException extends named('InvalidSignatureException') {}
export class UnrecognizedClientException extends named('UnrecognizedClientException') {}
export class ExpiredTokenException extends named('ExpiredTokenException') {}
export class AccessDeniedException extends named('AccessDeniedException') {}

export type CognitoService = 'cognito-idp' | 'cognito-identity';

function toCognitoError(err: SigV4Error): CognitoError {
  if (err instanceof MissingAuthenticationTokenError) return new MissingAuthenticationTokenException('Missing Authentication Token');
  if (err instanceof UnrecognizedClientError) return new UnrecognizedClientException('The security token included in the request is invalid.');
  if (err instanceof ExpiredTokenError) return new ExpiredTokenException('The security token included in the request is expired');
  if (err instanceof IncompleteSignatureError) return new IncompleteSignatureException(err.message);
  // Cognito's message stops after the first paragraph (no canonical request is echoed).
  if (err instanceof InvalidSignatureError) return new InvalidSignatureException(err.message.split('\n\n')[0]!);
  return new IncompleteSignatureException(err.message);
}

export interface CallerAuthOptions {
  stack: LocalStack;
  lookup: CallerLookup;
  now: () => number;
}

/** The resource an IAM policy names for a call: the pool in the request, or `*` for account-wide actions. */
function resourceOf(stack: LocalStack, service: CognitoService, input: Input): string {
  if (service === 'cognito-idp') {
    return typeof input.UserPoolId === 'string' ? `arn:aws:cognito-idp:${stack.region}:${stack.accountId}:userpool/${input.UserPoolId}` : '*';
  }
  return typeof input.IdentityPoolId === 'string' ? `arn:aws:cognito-identity:${stack.region}:${stack.accountId}:identitypool/${input.IdentityPoolId}` : '*';
}

/**
 * One step before an action runs: actions the real service takes unsigned pass;
 * every other one must carry a valid SigV4 signature (service `cognito-idp` or
 * `cognito-identity`, the stack's region) from a known caller, whose role
 * policies must allow `<service>:<Action>` on the pool. Throws the CognitoError
 * the real service would answer.
 */
export function createCallerAuth(options: CallerAuthOptions) {
  return (req: IncomingMessage, body: Buffer, service: CognitoService, action: string, input: Input): void => {
    const unsigned = service === 'cognito-idp' ? UNSIGNED_USER_POOL_ACTIONS : UNSIGNED_IDENTITY_POOL_ACTIONS;
    if (unsigned.has(action)) return;
    let caller;
    try {
      caller = verifySigV4({
        request: rawRequestOf(req, body),
        region: options.stack.region,
        service,
        now: new Date(options.now()),
        lookup: options.lookup,
      }).identity;
    } catch (err) {
      if (err instanceof SigV4Error) throw toCognitoError(err);
      throw err;
    }
    const decision = authorizeCaller(options.stack, caller, `${service}:${action}`, [resourceOf(options.stack, service, input)]);
    if (!decision.allowed) throw new AccessDeniedException(decision.message);
  };
}
