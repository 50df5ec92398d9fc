/**
 * The OAuth 2.0 errors of Cognito's authorization server. The token, revoke and
 * userInfo endpoints answer them as JSON `{"error": "<code>"}` (RFC 6749 §5.2;
 * Cognito developer guide, "The token issuer endpoint": invalid_request,
 * invalid_client, invalid_grant, unauthorized_client, unsupported_grant_type);
 * the authorize endpoint sends them back to the client's redirect_uri (RFC 6749
 * §4.1.2.1), except when the redirect_uri itself is wrong: then nobody may be
 * redirected and a page says so (`HostedUiErrorPage`).
 */
export abstract class OAuthError extends Error {
  abstract readonly error: string;
  /** RFC 6749 §5.2: 400 for all but a failed client authentication through the Authorization header (401). */
  readonly status: number = 400;
}

const oauthError = (code: string, status = 400) =>
  class extends OAuthError {
    readonly error = code;
    override readonly status = status;
    override name = code;
  };

export class InvalidRequestError extends oauthError('invalid_request') {}
export class InvalidClientError extends oauthError('invalid_client') {}
/** RFC 6749 §5.2: client authentication through the Authorization header failed: 401. */
export class InvalidClientAuthenticationError extends oauthError('invalid_client', 401) {}
export class InvalidGrantError extends oauthError('invalid_grant') {}
export class UnauthorizedClientError extends oauthError('unauthorized_client') {}
export class UnsupportedGrantTypeError extends oauthError('unsupported_grant_type') {}
export class UnsupportedResponseTypeError extends oauthError('unsupported_response_type') {}
export class InvalidScopeError extends oauthError('invalid_scope') {}
export class UnsupportedTokenTypeError extends oauthError('unsupported_token_type') {}
export class LoginRequiredError extends oauthError('login_required') {}
/** RFC 6750 §3.1: a bearer token that is expired, revoked or malformed; 401 with WWW-Authenticate. */
export class InvalidTokenError extends oauthError('invalid_token', 401) {}

/**
 * A request that cannot be sent back to the client (unknown client_id, a
 * redirect_uri or logout_uri not registered): an error page, never a redirect,
 * or the authorization server would become an open redirector (RFC 6749 §4.1.2.1, §10.15).
 */
export class HostedUiErrorPage extends Error {
  override name = 'HostedUiErrorPage';
  constructor(
    /** The error code Cognito's /error page names (redirect_mismatch, invalid_request…). */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
