/**
 * API Gateway's request ids (x-amzn-RequestId, x-amz-apigw-id) are on every
 * answer, but a browser lets a page read a cross-origin response header only
 * when Access-Control-Expose-Headers names it: the website's request inspector
 * shows the id, and the local cloud explains the request by it.
 */
export const EXPOSE = { 'Access-Control-Expose-Headers': 'x-amzn-RequestId,x-amz-apigw-id' } as const;

/**
 * The Access-Control-Allow-Origin a response carries. `allowed` is the stack's
 * list of origins (`*` for any). With a list, the caller's origin is echoed
 * only when it is on it, and `Vary: Origin` keeps caches honest.
 */
export function corsHeaders(allowed: readonly string[], requestOrigin: string | undefined): Record<string, string> {
  if (allowed.length === 0 || allowed.includes('*')) return { 'Access-Control-Allow-Origin': '*', ...EXPOSE };
  const origin = requestOrigin && allowed.includes(requestOrigin) ? requestOrigin : allowed[0]!;
  return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin', ...EXPOSE };
}

/** Parses the ALLOWED_ORIGINS setting: a comma-separated list, `*` when empty. */
export function parseAllowedOrigins(setting: string | undefined): string[] {
  const origins = (setting ?? '*').split(',').map((o) => o.trim()).filter(Boolean);
  return origins.length === 0 ? ['*'] : origins;
}
