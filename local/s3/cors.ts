import type { CorsRule } from './buckets.js';
import { S3Error } from './errors.js';

/**
 * CORS as S3 evaluates a bucket's rules (S3 user guide, "How Amazon S3 evaluates the CORS
 * configuration on a bucket"): the first rule whose AllowedOrigins match the Origin (one `*`
 * wildcard allowed), whose AllowedMethods include the method (for a preflight,
 * Access-Control-Request-Method), and whose AllowedHeaders match every header named in
 * Access-Control-Request-Headers, applies.
 */
const wildcard = (pattern: string, value: string) =>
  new RegExp(`^${pattern.split('*').map((p) => p.replace(/[\\^$.|?+()[\]{}]/g, '\\$&')).join('.*')}$`, 'i').test(value);

export function matchRule(rules: CorsRule[], origin: string, method: string, requestHeaders: string[]): CorsRule | undefined {
  return rules.find(
    (rule) =>
      rule.allowedOrigins.some((o) => wildcard(o, origin)) &&
      rule.allowedMethods.includes(method) &&
      requestHeaders.every((h) => rule.allowedHeaders.some((a) => wildcard(a, h))),
  );
}

function allowOrigin(rule: CorsRule, origin: string): Record<string, string> {
  // S3 answers `*` for a rule that allows any origin, and echoes the origin (with credentials) otherwise.
  return rule.allowedOrigins.includes('*') ? { 'Access-Control-Allow-Origin': '*' } : { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' };
}

/** The answer to an OPTIONS preflight, or the S3 error S3 sends for one it refuses (403 AccessForbidden). */
export function preflight(rules: CorsRule[] | undefined, headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const origin = headers.origin as string | undefined;
  const method = headers['access-control-request-method'] as string | undefined;
  if (!origin || !method) {
    throw new S3Error('BadRequest', 400, 'Insufficient information. Origin request header needed.');
  }
  if (!rules) throw new S3Error('AccessForbidden', 403, 'CORSResponse: CORS is not enabled for this bucket.', [['Method', method], ['ResourceType', 'OBJECT']]);
  const requested = String(headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const rule = matchRule(rules, origin, method, requested);
  if (!rule) {
    throw new S3Error(
      'AccessForbidden',
      403,
      "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
      [['Method', method], ['ResourceType', 'OBJECT']],
    );
  }
  return {
    ...allowOrigin(rule, origin),
    'Access-Control-Allow-Methods': rule.allowedMethods.join(', '),
    ...(requested.length ? { 'Access-Control-Allow-Headers': requested.join(', ') } : {}),
    ...(rule.exposedHeaders.length ? { 'Access-Control-Expose-Headers': rule.exposedHeaders.join(', ') } : {}),
    ...(rule.maxAge !== undefined ? { 'Access-Control-Max-Age': String(rule.maxAge) } : {}),
    Vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
  };
}

/** CORS headers on an actual (non-preflight) response: only when a rule matches the origin and method. */
export function corsHeaders(rules: CorsRule[] | undefined, origin: string | undefined, method: string): Record<string, string> {
  if (!rules || !origin) return {};
  const rule = matchRule(rules, origin, method, []);
  if (!rule) return {};
  return {
    ...allowOrigin(rule, origin),
    'Access-Control-Allow-Methods': rule.allowedMethods.join(', '),
    ...(rule.exposedHeaders.length ? { 'Access-Control-Expose-Headers': rule.exposedHeaders.join(', ') } : {}),
    ...(rule.maxAge !== undefined ? { 'Access-Control-Max-Age': String(rule.maxAge) } : {}),
    Vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
  };
}
