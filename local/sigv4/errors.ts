/**
 * Why a signed request was refused. Each error names the API Gateway response
 * type it maps to, and carries the message API Gateway puts in its body.
 */
export type SigV4ResponseType = 'MISSING_AUTHENTICATION_TOKEN' | 'DEFAULT_4XX' | 'INVALID_SIGNATURE' | 'EXPIRED_TOKEN';

export abstract class SigV4Error extends Error {
  abstract readonly responseType: SigV4ResponseType;
  /** Every SigV4 refusal is a 403. */
  readonly statusCode = 403;
  /** The `x-amzn-ErrorType` API Gateway sends with the answer. */
  abstract readonly errorType: string;
  /** Why, in plain words, for the local decision trace; never part of the answer. */
  reason?: string;

  because(reason: string): this {
    this.reason = reason;
    return this;
  }
}

/** No Authorization header at all. */
export class MissingAuthenticationTokenError extends SigV4Error {
  override name = 'MissingAuthenticationTokenError';
  readonly responseType = 'MISSING_AUTHENTICATION_TOKEN';
  readonly errorType = 'MissingAuthenticationTokenException';
  constructor() {
    super('Missing Authentication Token');
  }
}

/**
 * An Authorization header that is not a complete SigV4 header (e.g. a JWT sent
 * by mistake). API Gateway has no gateway response type of its own for it, so
 * it is shaped by DEFAULT_4XX.
 */
export class IncompleteSignatureError extends SigV4Error {
  override name = 'IncompleteSignatureError';
  readonly responseType = 'DEFAULT_4XX';
  readonly errorType = 'IncompleteSignatureException';
}

/** A well-formed signature that does not hold: wrong scope, outside the date window, or not matching. */
export class InvalidSignatureError extends SigV4Error {
  override name = 'InvalidSignatureError';
  readonly responseType = 'INVALID_SIGNATURE';
  readonly errorType = 'InvalidSignatureException';
}

/** An access key or session token that this cloud never issued. */
export class UnrecognizedClientError extends SigV4Error {
  override name = 'UnrecognizedClientError';
  readonly responseType = 'INVALID_SIGNATURE';
  readonly errorType = 'UnrecognizedClientException';
  constructor() {
    super('The security token included in the request is invalid.');
  }
}

/** Temporary credentials past their expiration. */
export class ExpiredTokenError extends SigV4Error {
  override name = 'ExpiredTokenError';
  readonly responseType = 'EXPIRED_TOKEN';
  readonly errorType = 'ExpiredTokenException';
  constructor() {
    super('The security token included in the request is expired');
  }
}
