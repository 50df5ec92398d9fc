export * from './errors.js';
export { verifySigV4, SIGNATURE_WINDOW_MS, type SigningIdentity, type VerifiedRequest } from './verify.js';
export type { RawRequest } from './canonical.js';
export { formatAmzDate, parseAmzDate } from './parse.js';
export { verifyS3Request, s3CanonicalUri, S3_SKEW_MS, MAX_PRESIGN_SECONDS, type S3VerifiedRequest } from './s3.js';
