import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { createAuthorizerHandler, type TokenAuthorizerHandler } from './adapter.js';
import type { VerifiedClaims } from './decide.js';

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set; the stack sets it on the function`);
  return value;
}

/**
 * The deployed function. The verifier is made once per execution environment,
 * so the pool's JWKS is fetched on first use and cached by aws-jwt-verify.
 */
const cognitoVerifier = CognitoJwtVerifier.create({
  userPoolId: requiredEnv('USER_POOL_ID'),
  clientId: requiredEnv('USER_POOL_CLIENT_ID'),
  tokenUse: 'id',
});

export const handler: TokenAuthorizerHandler = createAuthorizerHandler({
  verify: async (token) => (await cognitoVerifier.verify(token)) as unknown as VerifiedClaims,
});
