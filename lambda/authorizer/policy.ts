/**
 * The IAM policy a Lambda authorizer returns, built from the `methodArn` API
 * Gateway sends: `arn:aws:execute-api:REGION:ACCOUNT:API_ID/STAGE/VERB/RESOURCE_PATH`.
 *
 * API Gateway caches the whole answer per token (per identity-source value) for
 * the authorizer's TTL and evaluates the CACHED policy against whichever method
 * the token is used on next. A policy naming only the methodArn of the first
 * call would then refuse every other method for the rest of the TTL (the
 * classic "403 on the second endpoint" of Lambda authorizers). So the policy
 * names every method a rider may call, on this API and stage, whatever method
 * this invocation was for.
 */

/** One method a rider may call: the verb and the resource path without its leading slash. */
export interface RiderMethod {
  readonly verb: string;
  readonly path: string;
}

/**
 * The methods of this API every rider calls: booking a ride, listing their rides, one of
 * their rides (`*` covers the ride id: an execute-api ARN names the path as requested).
 */
export const RIDER_METHODS: readonly RiderMethod[] = [
  { verb: 'POST', path: 'ride' },
  { verb: 'GET', path: 'rides' },
  { verb: 'GET', path: 'rides/*' },
];

/** What a member of the `dispatchers` group may call besides: every rider's rides. */
export const DISPATCHER_METHODS: readonly RiderMethod[] = [...RIDER_METHODS, { verb: 'GET', path: 'dispatch/rides' }];

export interface PolicyStatement {
  Action: string;
  Effect: 'Allow' | 'Deny';
  Resource: string[];
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** `methodArn` that is not an execute-api method ARN: the authorizer cannot say what to allow. */
export class InvalidMethodArnError extends Error {
  override name = 'InvalidMethodArnError';
}

interface MethodArnParts {
  /** `arn:aws:execute-api:REGION:ACCOUNT:API_ID` */
  apiArn: string;
  stage: string;
}

export function parseMethodArn(methodArn: string): MethodArnParts {
  const m = /^(arn:aws[\w-]*:execute-api:[\w-]+:\d{12}:[A-Za-z0-9]+)\/([^/]+)\/[^/]+\/?.*$/.exec(methodArn);
  if (!m) throw new InvalidMethodArnError(`methodArn "${methodArn}" is not arn:aws:execute-api:REGION:ACCOUNT:API/STAGE/VERB/PATH`);
  return { apiArn: m[1]!, stage: m[2]! };
}

/**
 * Allow (or, for a suspended rider, Deny) `execute-api:Invoke` on every rider
 * method of the API and stage the methodArn names, never another API's.
 */
export function riderPolicy(methodArn: string, effect: 'Allow' | 'Deny', methods: readonly RiderMethod[] = RIDER_METHODS): PolicyDocument {
  const { apiArn, stage } = parseMethodArn(methodArn);
  return {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: methods.map((m) => `${apiArn}/${stage}/${m.verb}/${m.path}`) }],
  };
}
