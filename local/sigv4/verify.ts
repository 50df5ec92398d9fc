import { timingSafeEqual } from 'node:crypto';
import { canonicalRequest, headerValue, sha256Hex, signatureOf, signingKey, stringToSign, type RawRequest } from './canonical.js';
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

/** Compares a secret (a signature, a session token) in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // Compare equal-length buffers only, so the time taken says nothing about where they differ.
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

/** `3 minutes`, `1 minute`, `40 seconds`: how long, for a person. */
export function minutesText(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.round(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * Why a signature did not hold, as far as the request tells. A signer that
 * signs `x-amz-content-sha256` (the AWS SDKs' signer does by default) names the
 * body hash it signed: when that differs from the body that arrived, the body
 * changed after signing. Otherwise the gateway cannot tell which part changed.
 */
function mismatchReason(request: RawRequest, auth: ParsedAuthorization): string {
  const got = sha256Hex(request.body);
  const signedHash = headerValue(request.rawHeaders, 'x-amz-content-sha256');
  if (signedHash !== undefined && auth.signedHeaders.includes('x-amz-content-sha256') && signedHash !== got && signedHash !== 'UNSIGNED-PAYLOAD') {
    return `signature mismatch — the body changed after signing (expected hash ${signedHash}, got ${got})`;
  }
  return (
    `signature mismatch — the signature computed over the request as it arrived (${request.method} ${request.rawPath}, signed headers ${auth.signedHeaders.join(';')}, body hash ${got}) ` +
    `is not the one sent: one of these changed after signing, or it was signed with another secret key than the one issued with ${auth.accessKeyId}`
  );
}

/**
 * Verifies a SigV4-signed request over what actually arrived. Throws a
 * SigV4Error carrying API Gateway's answer when anything does not hold.
 */
export function verifySigV4<T extends SigningIdentity>(options: VerifyOptions<T>): VerifiedRequest<T> {
  const { request, now } = options;
  const header = headerValue(request.rawHeaders, 'authorization');
  if (header === undefined) {
    throw new MissingAuthenticationTokenError().because(
      'no Authorization header — an AWS_IAM method takes only requests signed with SigV4 (the identity pool\'s temporary credentials)',
    );
  }

  const amzDate = headerValue(request.rawHeaders, 'x-amz-date');
  const httpDate = headerValue(request.rawHeaders, 'date');
  let auth: ParsedAuthorization;
  try {
    auth = parseAuthorization(header, amzDate !== undefined || httpDate !== undefined);
  } catch (err) {
    if (err instanceof IncompleteSignatureError) {
      const looksLikeJwt = /^(Bearer\s+)?[\w-]+\.[\w-]+\.[\w-]+$/.test(header.trim());
      err.because(
        looksLikeJwt
          ? 'the Authorization header holds a token (a JWT), not a SigV4 signature — an AWS_IAM method wants the request signed with the identity pool\'s credentials'
          : 'the Authorization header is not a complete SigV4 signature (AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…)',
      );
    }
    throw err;
  }

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
    throw new InvalidSignatureError(`Signature expired: ${longDate} is now earlier than ${earliest} (${nowText} - 5 min.)`).because(
      `the request was signed ${minutesText(now.getTime() - requestDate.getTime())} before it arrived (at ${longDate}); a signature is good for 5 minutes either side of the gateway's clock`,
    );
  }
  if (requestDate.getTime() > now.getTime() + SIGNATURE_WINDOW_MS) {
    const latest = formatAmzDate(new Date(now.getTime() + SIGNATURE_WINDOW_MS));
    throw new InvalidSignatureError(`Signature not yet current: ${longDate} is still later than ${latest} (${nowText} + 5 min.)`).because(
      `the request is dated ${minutesText(requestDate.getTime() - now.getTime())} in the future (${longDate}); is this machine's clock right?`,
    );
  }

  const identity = options.lookup(auth.accessKeyId);
  if (identity === undefined) {
    throw new UnrecognizedClientError().because(
      `access key ${auth.accessKeyId} was never issued by this cloud's identity pool (credentials of another cloud, or of a data folder since removed?)`,
    );
  }
  const sentToken = headerValue(request.rawHeaders, 'x-amz-security-token');
  if (identity.sessionToken !== undefined || sentToken !== undefined) {
    if (identity.sessionToken === undefined || sentToken === undefined || !sameSecret(sentToken, identity.sessionToken)) {
      throw new UnrecognizedClientError().because(
        sentToken === undefined
          ? `no X-Amz-Security-Token header — temporary credentials (access key ${auth.accessKeyId}) must send their session token`
          : `the X-Amz-Security-Token sent is not the session token issued with access key ${auth.accessKeyId}`,
      );
    }
  }
  if (identity.expiration !== undefined && identity.expiration.getTime() <= now.getTime()) {
    throw new ExpiredTokenError().because(
      `the temporary credentials (access key ${auth.accessKeyId}) expired ${minutesText(now.getTime() - identity.expiration.getTime())} ago, at ${identity.expiration.toISOString()}; ask the identity pool for new ones`,
    );
  }

  const canonical = canonicalRequest(request, auth.signedHeaders);
  const scope = `${auth.scopeDate}/${auth.region}/${auth.service}/aws4_request`;
  const toSign = stringToSign(longDate, scope, canonical);
  const expected = signatureOf(signingKey(identity.secretAccessKey, auth.scopeDate, auth.region, auth.service), toSign);
  if (!sameSecret(auth.signature.toLowerCase(), expected)) {
    throw new InvalidSignatureError(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.' +
        `\n\nThe Canonical String for this request should have been\n'${canonical}'\n\nThe String-to-Sign should have been\n'${toSign}'\n`,
    ).because(mismatchReason(request, auth));
  }
  return { identity, authorization: auth };
}
