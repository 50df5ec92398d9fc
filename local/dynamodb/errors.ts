import { crc32 } from 'node:zlib';
import type { ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import {
  ExpiredTokenError,
  IncompleteSignatureError,
  InvalidSignatureError,
  MissingAuthenticationTokenError,
  UnrecognizedClientError,
  type SigV4Error,
} from '../sigv4/index.js';

/**
 * DynamoDB's refusals before an operation runs, in its AWS JSON 1.0 shape:
 * HTTP 400 (DynamoDB answers every client error with 400, auth ones included)
 * and a coral `__type`, e.g.
 * `{"__type":"com.amazon.coral.service#UnrecognizedClientException","message":"The security token included in the request is invalid"}`
 * (raw body quoted in baopham/laravel-dynamodb#228; note: no final period, unlike Cognito's),
 * `{"__type":"com.amazon.coral.service#MissingAuthenticationTokenException","message":"Request is missing Authentication Token"}`
 * (aws-sdk-ios-samples#111; dynalite answers the same), and AccessDeniedException with
 * status 400 and IAM's "... because no identity-based policy allows the dynamodb:X action"
 * (airbytehq/airbyte#25718, aws-sdk-android#211).
 */
export class DynamoAuthError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const CORAL = 'com.amazon.coral.service#';

export function fromSigV4(err: SigV4Error): DynamoAuthError {
  if (err instanceof MissingAuthenticationTokenError) return new DynamoAuthError(`${CORAL}MissingAuthenticationTokenException`, 'Request is missing Authentication Token');
  if (err instanceof UnrecognizedClientError) return new DynamoAuthError(`${CORAL}UnrecognizedClientException`, 'The security token included in the request is invalid');
  if (err instanceof ExpiredTokenError) return new DynamoAuthError(`${CORAL}ExpiredTokenException`, 'The security token included in the request is expired');
  if (err instanceof InvalidSignatureError) return new DynamoAuthError(`${CORAL}InvalidSignatureException`, err.message.split('\n\n')[0]!);
  if (err instanceof IncompleteSignatureError) return new DynamoAuthError(`${CORAL}IncompleteSignatureException`, err.message);
  return new DynamoAuthError(`${CORAL}IncompleteSignatureException`, err.message);
}

export function accessDenied(message: string): DynamoAuthError {
  return new DynamoAuthError(`${CORAL}AccessDeniedException`, message);
}

/** A request id shaped like DynamoDB's (52 upper-case alphanumerics). */
function requestId(): string {
  return randomBytes(39).toString('base64').toUpperCase().replace(/[+/=]/g, '0');
}

/** Sends a DynamoDB JSON 1.0 answer, with the `x-amz-crc32` of the body the SDKs may check. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  const bytes = Buffer.from(text, 'utf8');
  res.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.0',
    'Content-Length': bytes.length,
    'x-amzn-RequestId': requestId(),
    'x-amz-crc32': String(crc32(bytes)),
  });
  res.end(bytes);
}

export function sendAuthError(res: ServerResponse, err: DynamoAuthError): void {
  sendJson(res, 400, { __type: err.type, message: err.message });
}
