import { crc32 } from 'node:zlib';
import { S3Error, accessDenied, notImplemented } from '../s3/errors.js';
import { canonicalQuery, headerValue, sha256Hex, signatureOf, signingKey, stringToSign, uriEncode, type RawRequest } from './canonical.js';
import { IncompleteSignatureError } from './errors.js';
import { ALGORITHM, formatAmzDate, parseAmzDate, parseAuthorization } from './parse.js';
import { sameSecret, type SigningIdentity } from './verify.js';

/**
 * SigV4 as S3 verifies it (S3 API reference, "Authenticating Requests (AWS Signature Version 4)"),
 * which differs from every other service in four ways:
 *
 * - the canonical URI is the object key's path encoded ONCE (other services encode it twice);
 * - the payload hash in the canonical request is the `x-amz-content-sha256` header the client sent
 *   (required), which is a hex SHA-256 of the body, `UNSIGNED-PAYLOAD`, or a `STREAMING-…` mode;
 *   a hex hash is then checked against the body (XAmzContentSHA256Mismatch);
 * - a request may instead be presigned: the signature and its parameters in the query
 *   (`X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders`,
 *   `X-Amz-Signature`), payload `UNSIGNED-PAYLOAD`, valid for X-Amz-Expires seconds (at most a week);
 * - errors are S3's XML codes: AccessDenied, InvalidAccessKeyId, SignatureDoesNotMatch,
 *   RequestTimeTooSkewed (15 minutes, not 5), AuthorizationHeaderMalformed,
 *   AuthorizationQueryParametersError, InvalidToken, ExpiredToken.
 *
 * Payload modes: a hex hash, `UNSIGNED-PAYLOAD` and `STREAMING-UNSIGNED-PAYLOAD-TRAILER` (aws-chunked,
 * what @aws-sdk/client-s3 v3 sends for a stream body, with a CRC32 trailer) are verified; the
 * chunk-signed `STREAMING-AWS4-HMAC-SHA256-PAYLOAD…` forms are refused by name (NotImplemented).
 */

/** S3 tolerates 15 minutes between the request's time and its own. */
export const S3_SKEW_MS = 15 * 60 * 1000;
/** A presigned URL may live at most 7 days (604800 seconds). */
export const MAX_PRESIGN_SECONDS = 604800;

export interface S3VerifyOptions<T extends SigningIdentity> {
  request: RawRequest;
  region: string;
  now: Date;
  lookup: (accessKeyId: string) => T | undefined;
}

export interface S3VerifiedRequest<T> {
  identity: T;
  /** REST-HEADER or REST-QUERY-STRING: S3's `s3:authType` condition key. */
  authType: 'REST-HEADER' | 'REST-QUERY-STRING';
  /** The object bytes, with aws-chunked framing removed. */
  payload: Buffer;
  /** What the client declared in x-amz-content-sha256 (`s3:x-amz-content-sha256`). */
  contentSha256: string;
}

const UNSIGNED = 'UNSIGNED-PAYLOAD';
const STREAMING_UNSIGNED_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';

/** S3's canonical URI: the path decoded, then each byte but the unreserved ones and `/` encoded once. */
export function s3CanonicalUri(rawPath: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    decoded = rawPath;
  }
  return uriEncode(decoded === '' ? '/' : decoded, true);
}

function queryParams(rawQuery: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const decode = (t: string) => {
      try {
        return decodeURIComponent(t.replace(/\+/g, ' '));
      } catch {
        return t;
      }
    };
    out.set(decode(eq === -1 ? part : part.slice(0, eq)), decode(eq === -1 ? '' : part.slice(eq + 1)));
  }
  return out;
}

function canonicalHeaders(request: RawRequest, names: string[]): string {
  return names.map((name) => `${name}:${headerValue(request.rawHeaders, name) ?? ''}\n`).join('');
}

function checkIdentity<T extends SigningIdentity>(identity: T | undefined, accessKeyId: string, token: string | undefined, now: Date): T {
  if (identity === undefined) {
    throw new S3Error('InvalidAccessKeyId', 403, 'The AWS Access Key Id you provided does not exist in our records.', [['AWSAccessKeyId', accessKeyId]]);
  }
  if (identity.sessionToken !== undefined || token !== undefined) {
    if (identity.sessionToken === undefined || token === undefined || !sameSecret(token, identity.sessionToken)) {
      throw new S3Error('InvalidToken', 400, 'The provided token is malformed or otherwise invalid.', [['Token-0', token ?? '']]);
    }
  }
  if (identity.expiration !== undefined && identity.expiration.getTime() <= now.getTime()) {
    throw new S3Error('ExpiredToken', 400, 'The provided token has expired.', [['Token-0', token ?? '']]);
  }
  return identity;
}

function mismatch(accessKeyId: string, toSign: string, signature: string, canonical: string): S3Error {
  return new S3Error('SignatureDoesNotMatch', 403, 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', [
    ['AWSAccessKeyId', accessKeyId],
    ['StringToSign', toSign],
    ['SignatureProvided', signature],
    ['CanonicalRequest', canonical],
  ]);
}

function scopeChecks(scope: { region: string; service: string; terminator: string }, region: string, malformed: (msg: string) => S3Error): void {
  if (scope.service !== 's3') throw malformed(`The authorization header is malformed; incorrect service "${scope.service}". This endpoint belongs to "s3".`);
  if (scope.region !== region) {
    const err = malformed(`The authorization header is malformed; the region '${scope.region}' is wrong; expecting '${region}'`);
    err.details.push(['Region', region]);
    throw err;
  }
  if (scope.terminator !== 'aws4_request') throw malformed(`The authorization header is malformed; incorrect terminal "${scope.terminator}". This endpoint uses "aws4_request".`);
}

/** Verifies a request signed in its Authorization header or presigned in its query; throws an S3Error. */
export function verifyS3Request<T extends SigningIdentity>(options: S3VerifyOptions<T>): S3VerifiedRequest<T> {
  const { request, now } = options;
  const query = queryParams(request.rawQuery);
  const header = headerValue(request.rawHeaders, 'authorization');
  if (header === undefined && query.has('X-Amz-Algorithm')) return verifyPresigned(options, query);
  // No credentials at all: an anonymous request, which a private bucket refuses.
  if (header === undefined) throw accessDenied();

  const amzDate = headerValue(request.rawHeaders, 'x-amz-date');
  const malformed = (message: string) => new S3Error('AuthorizationHeaderMalformed', 400, message);
  let auth;
  try {
    auth = parseAuthorization(header, amzDate !== undefined || headerValue(request.rawHeaders, 'date') !== undefined);
  } catch (err) {
    if (err instanceof IncompleteSignatureError) throw malformed(`The authorization header is malformed; ${err.message}`);
    throw err;
  }
  scopeChecks(auth, options.region, malformed);
  const contentSha256 = headerValue(request.rawHeaders, 'x-amz-content-sha256');
  if (contentSha256 === undefined) throw new S3Error('InvalidRequest', 400, 'Missing required header for this request: x-amz-content-sha256');
  if (!auth.signedHeaders.includes('host')) throw new S3Error('AccessDenied', 403, 'There were headers present in the request which were not signed', [['HeadersNotSigned', 'host']]);
  for (const name of ['x-amz-content-sha256', 'x-amz-date', 'x-amz-security-token']) {
    if (headerValue(request.rawHeaders, name) !== undefined && !auth.signedHeaders.includes(name)) {
      throw new S3Error('AccessDenied', 403, 'There were headers present in the request which were not signed', [['HeadersNotSigned', name]]);
    }
  }
  const date = amzDate !== undefined ? parseAmzDate(amzDate) : new Date(headerValue(request.rawHeaders, 'date') ?? '');
  if (date === undefined || Number.isNaN(date.getTime())) throw new S3Error('AccessDenied', 403, 'AWS authentication requires a valid Date or x-amz-date header');
  const longDate = formatAmzDate(date);
  if (longDate.slice(0, 8) !== auth.scopeDate) {
    throw malformed(`The authorization header is malformed; Invalid credential date. Date is not the same as X-Amz-Date.`);
  }
  if (Math.abs(date.getTime() - now.getTime()) > S3_SKEW_MS) {
    throw new S3Error('RequestTimeTooSkewed', 403, 'The difference between the request time and the current time is too large.', [
      ['RequestTime', longDate],
      ['ServerTime', now.toISOString()],
      ['MaxAllowedSkewMilliseconds', S3_SKEW_MS],
    ]);
  }
  const identity = checkIdentity(options.lookup(auth.accessKeyId), auth.accessKeyId, headerValue(request.rawHeaders, 'x-amz-security-token'), now);

  const names = [...auth.signedHeaders].sort();
  const canonical = [
    request.method.toUpperCase(),
    s3CanonicalUri(request.rawPath),
    canonicalQuery(request.rawQuery),
    canonicalHeaders(request, names),
    names.join(';'),
    contentSha256,
  ].join('\n');
  const scope = `${auth.scopeDate}/${auth.region}/s3/aws4_request`;
  const toSign = stringToSign(longDate, scope, canonical);
  const expected = signatureOf(signingKey(identity.secretAccessKey, auth.scopeDate, auth.region, 's3'), toSign);
  if (!sameSecret(auth.signature.toLowerCase(), expected)) throw mismatch(auth.accessKeyId, toSign, auth.signature, canonical);

  return { identity, authType: 'REST-HEADER', payload: payloadOf(request, contentSha256), contentSha256 };
}

function verifyPresigned<T extends SigningIdentity>(options: S3VerifyOptions<T>, query: Map<string, string>): S3VerifiedRequest<T> {
  const { request, now } = options;
  const bad = (message: string) => new S3Error('AuthorizationQueryParametersError', 400, message);
  const required = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Expires'];
  if (required.some((name) => !query.get(name))) {
    throw bad('Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.');
  }
  if (query.get('X-Amz-Algorithm') !== ALGORITHM) throw bad('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  const credential = query.get('X-Amz-Credential')!.split('/');
  if (credential.length !== 5 || credential.some((p) => p === '')) {
    throw bad(`Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`);
  }
  const [accessKeyId, scopeDate, region, service, terminator] = credential as [string, string, string, string, string];
  scopeChecks({ region, service, terminator }, options.region, (message) => bad(message.replace('authorization header', 'X-Amz-Credential parameter')));
  const expiresText = query.get('X-Amz-Expires')!;
  const expires = /^\d+$/.test(expiresText) ? Number(expiresText) : NaN;
  if (!Number.isFinite(expires)) throw bad('X-Amz-Expires should be a number');
  if (expires > MAX_PRESIGN_SECONDS) throw bad('X-Amz-Expires must be less than a week (in seconds) that is; 604800');
  const date = parseAmzDate(query.get('X-Amz-Date')!);
  if (date === undefined) throw bad(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
  const longDate = formatAmzDate(date);
  if (longDate.slice(0, 8) !== scopeDate) throw bad('Invalid credential date. Date is not the same as X-Amz-Date.');
  if (date.getTime() - now.getTime() > S3_SKEW_MS) throw accessDenied('Request is not valid yet');
  if (now.getTime() > date.getTime() + expires * 1000) {
    const err = accessDenied('Request has expired');
    err.details.push(['X-Amz-Expires', expires], ['Expires', new Date(date.getTime() + expires * 1000).toISOString()], ['ServerTime', now.toISOString()]);
    throw err;
  }
  const identity = checkIdentity(options.lookup(accessKeyId), accessKeyId, query.get('X-Amz-Security-Token'), now);

  const signedHeaders = query.get('X-Amz-SignedHeaders')!.split(';').map((h) => h.trim().toLowerCase());
  if (!signedHeaders.includes('host')) throw bad("Query-string authentication requires the 'host' header to be signed");
  const names = [...signedHeaders].sort();
  const withoutSignature = request.rawQuery
    .split('&')
    .filter((part) => part.split('=')[0] !== 'X-Amz-Signature')
    .join('&');
  // The payload of a presigned request is never signed (X-Amz-Content-Sha256 in the query, if any, is UNSIGNED-PAYLOAD).
  const payloadHash = query.get('X-Amz-Content-Sha256') ?? UNSIGNED;
  const canonical = [request.method.toUpperCase(), s3CanonicalUri(request.rawPath), canonicalQuery(withoutSignature), canonicalHeaders(request, names), names.join(';'), payloadHash].join('\n');
  const toSign = stringToSign(longDate, `${scopeDate}/${region}/s3/aws4_request`, canonical);
  const expected = signatureOf(signingKey(identity.secretAccessKey, scopeDate, region, 's3'), toSign);
  const signature = query.get('X-Amz-Signature')!;
  if (!sameSecret(signature.toLowerCase(), expected)) throw mismatch(accessKeyId, toSign, signature, canonical);
  return { identity, authType: 'REST-QUERY-STRING', payload: payloadOf(request, payloadHash), contentSha256: payloadHash };
}

/** The object bytes the client meant, checked against what it declared. */
function payloadOf(request: RawRequest, contentSha256: string): Buffer {
  if (contentSha256 === UNSIGNED) return checkCrc(request, request.body, undefined);
  if (contentSha256 === STREAMING_UNSIGNED_TRAILER) return decodeAwsChunked(request);
  if (contentSha256.startsWith('STREAMING-')) throw notImplemented('x-amz-content-sha256');
  if (!/^[0-9a-f]{64}$/.test(contentSha256)) {
    throw new S3Error('InvalidArgument', 400, 'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.', [
      ['ArgumentName', 'x-amz-content-sha256'],
      ['ArgumentValue', contentSha256],
    ]);
  }
  const computed = sha256Hex(request.body);
  if (computed !== contentSha256) {
    throw new S3Error('XAmzContentSHA256Mismatch', 400, "The provided 'x-amz-content-sha256' header does not match what was computed.", [
      ['ClientComputedContentSHA256', contentSha256],
      ['S3ComputedContentSHA256', computed],
    ]);
  }
  return checkCrc(request, request.body, undefined);
}

/** A CRC32 the client sent (header or trailer) must match the bytes: BadDigest otherwise. */
function checkCrc(request: RawRequest, body: Buffer, trailer: string | undefined): Buffer {
  const declared = trailer ?? headerValue(request.rawHeaders, 'x-amz-checksum-crc32');
  if (declared === undefined) return body;
  const value = Buffer.alloc(4);
  value.writeUInt32BE(crc32(body) >>> 0);
  if (value.toString('base64') !== declared) {
    throw new S3Error('BadDigest', 400, 'The CRC32 you specified did not match the calculated checksum.');
  }
  return body;
}

const malformedChunks = () => new S3Error('IncompleteBody', 400, 'The request body terminated unexpectedly');

/**
 * aws-chunked without chunk signatures: `<hex size>\r\n<bytes>\r\n` … `0\r\n`, then trailers
 * (`x-amz-checksum-crc32:<base64>\r\n`) and a final `\r\n`. The decoded length must equal
 * x-amz-decoded-content-length.
 */
function decodeAwsChunked(request: RawRequest): Buffer {
  const body = request.body;
  const chunks: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd === -1) throw malformedChunks();
    const sizeText = body.subarray(at, lineEnd).toString('latin1').split(';')[0]!.trim();
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw malformedChunks();
    const size = parseInt(sizeText, 16);
    at = lineEnd + 2;
    if (size === 0) break;
    if (at + size + 2 > body.length || body.subarray(at + size, at + size + 2).toString('latin1') !== '\r\n') throw malformedChunks();
    chunks.push(body.subarray(at, at + size));
    at += size + 2;
  }
  let trailerCrc: string | undefined;
  for (const line of body.subarray(at).toString('latin1').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon !== -1 && line.slice(0, colon).trim().toLowerCase() === 'x-amz-checksum-crc32') trailerCrc = line.slice(colon + 1).trim();
  }
  const payload = Buffer.concat(chunks);
  const declared = headerValue(request.rawHeaders, 'x-amz-decoded-content-length');
  if (declared !== undefined && Number(declared) !== payload.length) throw malformedChunks();
  return checkCrc(request, payload, trailerCrc);
}
