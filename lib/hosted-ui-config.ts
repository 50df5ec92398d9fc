import { ConfigError } from './config-error.js';

/** The hosted UI's flags (`-c authDomainPrefix=… -c extraCallbackUrls=… -c implicitGrant=true -c requireScopes=true`). */
export interface HostedUiConfig {
  /**
   * The Cognito domain's prefix (`https://<prefix>.auth.<region>.amazoncognito.com`).
   * Undefined: derived from the stack's name and the account at deploy time (lib/hosted-ui.ts).
   */
  readonly domainPrefix?: string;
  /** More callback and sign-out URLs besides the website's and the local website's. */
  readonly extraCallbackUrls: readonly string[];
  /** Allow the implicit grant (tokens in the URL fragment). Off: RFC 9700 §2.1.2 says not to use it. */
  readonly implicitGrant: boolean;
  /** Methods require access tokens with the API's scopes (cognito mode). */
  readonly requireScopes: boolean;
}

/** The website's route that completes the code grant (website/src/pages/OAuthCallbackPage.tsx). */
export const CALLBACK_PATH = '/auth/callback';
/** Where `/logout` sends the rider back to. */
export const SIGN_OUT_PATH = '/';
/**
 * The rider CLI's loopback redirect (`npm run rider -- sign-in --hosted-ui`): the tool listens on
 * this port of this machine for the code, as native apps do (RFC 8252 §7.3). Cognito matches a
 * callback URL exactly and takes plain http only for localhost, so the port is fixed.
 */
export const RIDER_TOOL_PORT = 8976;
export const RIDER_TOOL_CALLBACK_URL = `http://localhost:${RIDER_TOOL_PORT}/rider/callback`;

/** A hosted-UI flag (authDomainPrefix, extraCallbackUrls, implicitGrant, requireScopes) is malformed. */
export class InvalidHostedUiConfigError extends ConfigError {
  override name = 'InvalidHostedUiConfigError';
}

/**
 * Cognito's rule for a prefix domain (AWS::Cognito::UserPoolDomain Domain,
 * `^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?$`): lowercase letters, digits and
 * hyphens, 1 to 63 characters, no hyphen first or last.
 */
export const DOMAIN_PREFIX_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Cognito refuses a prefix containing these words (developer guide, "Using the Amazon Cognito prefix domain"). */
export const RESERVED_PREFIX_WORDS = ['aws', 'amazon', 'cognito'] as const;

/** Why a domain prefix is refused, or undefined when Cognito would accept it. */
export function domainPrefixProblem(prefix: string): string | undefined {
  if (!DOMAIN_PREFIX_PATTERN.test(prefix)) return 'only lowercase letters, digits and hyphens, 1 to 63 characters, not starting or ending with a hyphen';
  const word = RESERVED_PREFIX_WORDS.find((w) => prefix.includes(w));
  if (word) return `Cognito refuses a prefix containing "${word}"`;
  return undefined;
}

export function readHostedUiConfig(get: (key: string) => unknown, authMode: string): HostedUiConfig {
  const requireScopes = parseBoolean('requireScopes', get('requireScopes'));
  if (requireScopes && authMode !== 'cognito') {
    throw new InvalidHostedUiConfigError(
      `requireScopes: scopes are checked by a Cognito user-pool authorizer, so they need -c authMode=cognito (got authMode=${authMode})`,
    );
  }
  return {
    domainPrefix: parseDomainPrefix(get('authDomainPrefix')),
    extraCallbackUrls: parseUrls(get('extraCallbackUrls')),
    implicitGrant: parseBoolean('implicitGrant', get('implicitGrant')),
    requireScopes,
  };
}

function parseDomainPrefix(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const prefix = String(value);
  const problem = domainPrefixProblem(prefix);
  if (problem) throw new InvalidHostedUiConfigError(`authDomainPrefix: "${prefix}" is not a Cognito domain prefix (${problem}), e.g. -c authDomainPrefix=wildrydes-ana`);
  return prefix;
}

/**
 * Callback URLs as Cognito takes them: absolute, no fragment, and HTTPS unless
 * the host is localhost (CreateUserPoolClient, CallbackURLs: "Amazon Cognito
 * requires HTTPS over HTTP except for http://localhost for testing purposes only").
 */
function parseUrls(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  const list = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return list
    .map((u) => u.trim())
    .filter(Boolean)
    .map((text) => {
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        throw new InvalidHostedUiConfigError(`extraCallbackUrls: "${text}" is not an absolute URL like https://app.example.com/auth/callback`);
      }
      if (url.hash) throw new InvalidHostedUiConfigError(`extraCallbackUrls: "${text}" has a fragment; Cognito refuses callback URLs with one`);
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && url.hostname === 'localhost')) {
        throw new InvalidHostedUiConfigError(`extraCallbackUrls: "${text}" must use https (Cognito allows http only for http://localhost)`);
      }
      return text;
    });
}

function parseBoolean(name: string, value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new InvalidHostedUiConfigError(`${name}: expected true or false, got "${String(value)}"`);
}
