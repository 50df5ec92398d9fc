export * from './errors.js';
export { verifySigV4, SIGNATURE_WINDOW_MS, type SigningIdentity, type VerifiedRequest } from './verify.js';
export type { RawRequest } from './canonical.js';
export { formatAmzDate, parseAmzDate } from './parse.js';
