import type { APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { decide, type AuthorizerAnswer, type VerifiedClaims } from './decide.js';

/** Verifies an ID token; rejects for anything that is not a valid, current ID token of the pool and client. */
export interface IdTokenVerifier {
  verify(token: string): Promise<VerifiedClaims>;
}

export type TokenAuthorizerHandler = (event: APIGatewayTokenAuthorizerEvent) => Promise<AuthorizerAnswer>;

/**
 * The API Gateway adapter of the TOKEN authorizer. A token that does not verify
 * is answered by throwing `Unauthorized`: that exact error message is how a
 * Lambda authorizer makes API Gateway answer 401 (any other failure is a 500);
 * API Gateway developer guide, "Use API Gateway Lambda authorizers".
 */
export function createAuthorizerHandler(verifier: IdTokenVerifier, log: (line: string) => void = console.log): TokenAuthorizerHandler {
  return async (event) => {
    const token = typeof event.authorizationToken === 'string' ? event.authorizationToken : '';
    let claims: VerifiedClaims;
    try {
      claims = await verifier.verify(token);
    } catch (error) {
      // The reason stays in the log; the caller learns only that it was not let in.
      log(JSON.stringify({ level: 'WARN', message: 'Token refused', reason: error instanceof Error ? error.name : 'unknown' }));
      throw new Error('Unauthorized');
    }
    return decide(claims, event.methodArn);
  };
}

