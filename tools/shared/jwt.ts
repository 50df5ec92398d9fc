/** The claims of a JWT, decoded without verifying it (the API and the authorizers verify; this is for reading). */
export function decodeClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (part === undefined) throw new TypeError('not a JWT: expected three dot-separated parts');
  const claims: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  if (!claims || typeof claims !== 'object' || Array.isArray(claims)) throw new TypeError('not a JWT: its payload is not a JSON object');
  return claims as Record<string, unknown>;
}

/** Seconds until the token's `exp` (negative once expired); undefined when it has none. */
export function secondsLeft(token: string, now = Date.now()): number | undefined {
  const exp = decodeClaims(token).exp;
  return typeof exp === 'number' ? Math.round(exp - now / 1000) : undefined;
}
