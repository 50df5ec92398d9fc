import { CognitoError, ResourceNotFoundException, UnsupportedTokenTypeException } from '../errors.js';
import { InvalidClientError, InvalidRequestError, UnsupportedTokenTypeError } from './errors.js';
import { formOf, json } from './reply.js';
import type { Route } from './route.js';

/**
 * POST /oauth2/revoke (RFC 7009; Cognito developer guide, "The token revocation
 * endpoint"): revokes a refresh token and every access and ID token of its
 * sign-in, the same as RevokeToken, whose logic it runs. 200 with an empty body.
 */
export const revoke: Route = {
  method: 'POST',
  path: '/oauth2/revoke',
  async handle({ server, req, body }) {
    const form = formOf(req, body);
    const token = form.get('token');
    const clientId = form.get('client_id');
    if (!token) throw new InvalidRequestError('token is required');
    if (!clientId) throw new InvalidRequestError('client_id is required');
    if (!server.pool.clients.has(clientId)) throw new InvalidClientError(`app client ${clientId} does not exist`);
    try {
      await server.actions.RevokeToken!({ Token: token, ClientId: clientId });
    } catch (err) {
      if (err instanceof UnsupportedTokenTypeException) throw new UnsupportedTokenTypeError(err.message);
      if (err instanceof ResourceNotFoundException) throw new InvalidClientError(err.message);
      // A refresh token of another client (UnauthorizedException).
      if (err instanceof CognitoError) throw new InvalidRequestError(err.message);
      throw err;
    }
    return { status: 200, headers: { 'Cache-Control': 'no-store' }, body: '' };
  },
};
