import { timingSafeEqual } from 'node:crypto';
import { canonicalRequest, headerValue, signatureOf, signingKey, stringToSign, type RawRequest } from './canonical.js';
import {
  ExpiredTokenError,
  IncompleteSignatureError,
  InvalidSignatureError,
  MissingAuthenticationTokenError,
  UnrecognizedClientError,
} from './errors.js';
import { formatAmzDate, parseAmzDate, parseAuthorization, type ParsedAuthorization } from './parse.js';

/** Credentials a verifier knows the secret of. */
export interface SigningIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export interface VerifyOptions<T extends SigningIdentity> {
  request: RawRequest;
  region: string;
  service: string;
  now: Date;
  lookup: (accessKeyId: string) => T | undefined;
}

export interface VerifiedRequest<T> {
  identity: T;
  authorization: ParsedAuthorization;
}

/** How far a request's date may stray from the verifier's clock, as AWS allows. */
export const SIGNATURE_WINDOW_MS = 5 * 60 * 1000;

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // Compare equal-length buffers only, so the time taken says nothing about where they differ.
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

/**
 * Verifies a SigV4-signed request over what actually arrived. Throws a
 * SigV4Error carrying API Gateway's answer when anything does not hold.
 */
export function verifySigV4<T extends SigningIdentity>(options: VerifyOptions<T>): VerifiedRequest<T> {
  const { request, now } = options;
  const header = headerValue(request.rawHeaders, 'authorization');
  if (header === undefined) throw new MissingAuthenticationTokenError();

  const amzDate = headerValue(request.rawHeaders, 'x-amz-date');
  const httpDate = headerValue(request.rawHeaders, 'date');
  const auth = parseAuthorization(header, amzDate !== undefined || httpDate !== undefined);

  if (auth.terminator !== 'aws4_request') {
    throw new InvalidSignatureError(`Credential should be scoped with a valid terminator: 'aws4_request', not '${auth.terminator}'. `);
  }
  if (auth.service !== options.service) {
    throw new InvalidSignatureError(`Credential should be scoped to correct service: '${options.service}'. `);
  }
  if (auth.region !== options.region) {
    throw new InvalidSignatureError(`Credential should be scoped to a valid region. `);
  }
  if (!auth.signedHeaders.includes('host')) {
    throw new InvalidSignatureError(`'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.`);
  }

  // The date must be signed, or a captured request could be replayed with a fresh date.
  const dateHeader = amzDate !== undefined ? 'x-amz-date' : 'date';
  if (!auth.signedHeaders.includes(dateHeader)) {
    throw new InvalidSignatureError(`'${amzDate !== undefined ? 'X-Amz-Date' : 'Date'}' must be a 'SignedHeader' in the AWS Authorization.`);
  }
  const requestDate = amzDate !== undefined ? parseAmzDate(amzDate) : httpDate !== undefined ? new Date(httpDate) : undefined;
  if (requestDate === undefined || Number.isNaN(requestDate.getTime())) {
    throw new IncompleteSignatureError(
      `Date must be in ISO-8601 'basic format'. Got '${amzDate ?? httpDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  const longDate = formatAmzDate(requestDate);
  if (longDate.slice(0, 8) !== auth.scopeDate) {
    throw new InvalidSignatureError(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.scopeDate}' != '${longDate.slice(0, 8)}', from '${longDate}'.`,
    );
  }
  const nowText = formatAmzDate(now);
  if (requestDate.getTime() < now.getTime() - SIGNATURE_WINDOW_MS) {
    const earliest = formatAmzDate(new Date(now.getTime() - SIGNATURE_WINDOW_MS));
    throw new InvalidSignatureError(`Signature expired: ${longDate} is now earlier than ${earliest} (${nowText} - 5 min.)`);
  }
  if (requestDate.getTime() > now.getTime() + SIGNATURE_WINDOW_MS) {
    const latest = formatAmzDate(new Date(now.getTime() + SIGNATURE_WINDOW_MS));
    throw new InvalidSignatureError(`Signature not yet current: ${longDate} is still later than ${latest} (${nowText} + 5 min.)`);
  }

  const identity = options.lookup(auth.accessKeyId);
  if (identity === undefined) throw new UnrecognizedClientError();
  const sentToken = headerValue(request.rawHeaders, 'x-amz-security-token');
  if (identity.sessionToken !== undefined || sentToken !== undefined) {
    if (identity.sessionToken === undefined || sentToken === undefined || !sameSecret(sentToken, identity.sessionToken)) {
      throw new UnrecognizedClientError();
    }
  }
  if (identity.expiration !== undefined && identity.expiration.getTime() <= now.getTime()) throw new ExpiredTokenError();

  const canonical = canonicalRequest(request, auth.signedHeaders);
  const scope = `${auth.scopeDate}/${auth.region}/${auth.service}/aws4_request`;
  const toSign = stringToSign(longDate, scope, canonical);
  const expected = signatureOf(signingKey(identity.secretAccessKey, auth.scopeDate, auth.region, auth.service), toSign);
  if (!sameSecret(auth.signature.toLowerCase(), expected)) {
    throw new InvalidSignatureError(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.' +
        `\n\nThe Canonical String for this request should have been\n'${canonical}'\n\nThe String-to-Sign should have been\n'${toSign}'\n`,
    );
  }
  return { identity, authorization: auth };
}
