/**
 * The site's run-time settings, read from `/config.json` next to index.html.
 *
 * Nothing environment-specific is compiled into the bundle: the same build serves a
 * deployed stack (config written from the stack's outputs) and the local cloud
 * (config generated when it starts), in any auth mode.
 */

import { AUTH_MODES, isAuthMode, type AuthMode } from '../../../lib/auth-mode';

/** How the ride API is protected: the one list of modes is lib/auth-mode.ts, which the stack deploys with. */
export { AUTH_MODES, type AuthMode };

/** Tiles from OpenStreetMap unless config.json says otherwise. */
export const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

export interface SiteConfig {
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  identityPoolId: string;
  /** Base URL of the API stage; always ends with `/` so `${apiUrl}ride` is right. */
  apiUrl: string;
  authMode: AuthMode;
  /** Local cloud only: where Amplify should send Cognito user-pool calls. */
  userPoolEndpoint?: string;
  /** Local cloud only: where Amplify should send Cognito identity-pool calls. */
  identityPoolEndpoint?: string;
  /** Local cloud only: a page listing the "emails" (verification codes) sent. */
  mailboxUrl?: string;
  /** Leaflet tile URL template; empty string means "draw no tiles" (offline). */
  tileUrl: string;
  /** Divides the unicorn's travel time so demos do not wait 30 s. 1 = real time. */
  demoSpeed: number;
  /** The riders' files bucket (profile photos); absent in a config.json from before it existed. */
  riderFilesBucket?: string;
  /** Local cloud only: the local S3 (`http://127.0.0.1:PORT`); Amplify Storage reaches it as `<bucket>.localhost:PORT`. */
  s3Endpoint?: string;
  /** With `-c apiKeys=true`: the usage plan's key, sent as x-api-key (it identifies the website, it does not authenticate a rider). */
  apiKey?: string;
  /** The Cognito domain of the hosted UI (`https://<prefix>.auth.<region>.amazoncognito.com`, locally the local Cognito). */
  hostedUiUrl?: string;
  /** Where the hosted UI sends the rider back with a code (the callback route), and after /logout. */
  redirectSignIn?: string;
  redirectSignOut?: string;
  /** `-c requireScopes=true`: the API wants the access token (with its scopes), not the ID token. */
  requireScopes?: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    message: string,
    /** Every problem found, so the error page can list them all at once. */
    readonly problems: string[] = [message],
  ) {
    super(message);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Checks a parsed config.json and returns it typed, or throws a ConfigError listing
 * every problem. Checks mirror what Amplify itself would reject later with a less
 * helpful message (pool id shape, identity pool id with a `:`).
 */
export function parseConfig(raw: unknown): SiteConfig {
  if (!isRecord(raw)) throw new ConfigError('config.json is not a JSON object.');
  const problems: string[] = [];

  const str = (key: string, required: boolean): string | undefined => {
    const v = raw[key];
    if (v === undefined || v === null) {
      if (required) problems.push(`"${key}" is missing.`);
      return undefined;
    }
    if (typeof v !== 'string') {
      problems.push(`"${key}" must be a string.`);
      return undefined;
    }
    if (required && v.trim() === '') {
      problems.push(`"${key}" is empty.`);
      return undefined;
    }
    return v;
  };

  const region = str('region', true);
  const userPoolId = str('userPoolId', true);
  const userPoolClientId = str('userPoolClientId', true);
  const identityPoolId = str('identityPoolId', true);
  const apiUrl = str('apiUrl', true);
  const authMode = str('authMode', true);
  const userPoolEndpoint = str('userPoolEndpoint', false);
  const identityPoolEndpoint = str('identityPoolEndpoint', false);
  const mailboxUrl = str('mailboxUrl', false);
  const tileUrl = str('tileUrl', false);
  const apiKey = str('apiKey', false);
  const hostedUiUrl = str('hostedUiUrl', false);
  const redirectSignIn = str('redirectSignIn', false);
  const redirectSignOut = str('redirectSignOut', false);
  if (raw.requireScopes !== undefined && typeof raw.requireScopes !== 'boolean') problems.push(`"requireScopes" must be true or false, got ${JSON.stringify(raw.requireScopes)}.`);
  const riderFilesBucket = str('riderFilesBucket', false);
  const s3Endpoint = str('s3Endpoint', false);

  if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    problems.push(`"region" does not look like an AWS region: ${JSON.stringify(region)}.`);
  }
  // Amplify reads the region from the part before "_"; a malformed id fails obscurely.
  if (userPoolId !== undefined && !/^[\w-]+_[0-9a-zA-Z]+$/.test(userPoolId)) {
    problems.push(`"userPoolId" should look like "us-east-1_AbC123xyz", got ${JSON.stringify(userPoolId)}.`);
  }
  if (identityPoolId !== undefined && !identityPoolId.includes(':')) {
    problems.push(`"identityPoolId" should look like "us-east-1:uuid", got ${JSON.stringify(identityPoolId)}.`);
  }
  if (apiUrl !== undefined) {
    if (!isHttpUrl(apiUrl)) problems.push(`"apiUrl" is not an http(s) URL: ${JSON.stringify(apiUrl)}.`);
    else if (!apiUrl.endsWith('/')) problems.push(`"apiUrl" must end with "/", got ${JSON.stringify(apiUrl)}.`);
  }
  if (authMode !== undefined && !isAuthMode(authMode)) {
    problems.push(`"authMode" must be one of ${AUTH_MODES.join(', ')}; got ${JSON.stringify(authMode)}.`);
  }
  for (const [key, value] of [
    ['userPoolEndpoint', userPoolEndpoint],
    ['identityPoolEndpoint', identityPoolEndpoint],
    ['mailboxUrl', mailboxUrl],
    ['hostedUiUrl', hostedUiUrl],
    ['redirectSignIn', redirectSignIn],
    ['redirectSignOut', redirectSignOut],
    ['s3Endpoint', s3Endpoint],
  ] as const) {
    if (value !== undefined && !isHttpUrl(value)) problems.push(`"${key}" is not an http(s) URL: ${JSON.stringify(value)}.`);
  }

  let demoSpeed = 1;
  if (raw.demoSpeed !== undefined && raw.demoSpeed !== null) {
    if (typeof raw.demoSpeed !== 'number' || !Number.isFinite(raw.demoSpeed) || raw.demoSpeed <= 0) {
      problems.push(`"demoSpeed" must be a positive number, got ${JSON.stringify(raw.demoSpeed)}.`);
    } else {
      demoSpeed = raw.demoSpeed;
    }
  }

  if (problems.length > 0) {
    throw new ConfigError(`config.json is invalid: ${problems.join(' ')}`, problems);
  }
  // Every required value was checked above; the non-null assertions only restate that.
  return {
    region: region!,
    userPoolId: userPoolId!,
    userPoolClientId: userPoolClientId!,
    identityPoolId: identityPoolId!,
    apiUrl: apiUrl!,
    authMode: authMode as AuthMode,
    ...(userPoolEndpoint ? { userPoolEndpoint } : {}),
    ...(identityPoolEndpoint ? { identityPoolEndpoint } : {}),
    ...(mailboxUrl ? { mailboxUrl } : {}),
    tileUrl: tileUrl ?? DEFAULT_TILE_URL,
    demoSpeed,
    ...(apiKey ? { apiKey } : {}),
    // The hosted UI needs all three; without any of them the sign-in page offers the SRP form only.
    ...(hostedUiUrl && redirectSignIn && redirectSignOut ? { hostedUiUrl, redirectSignIn, redirectSignOut } : {}),
    ...(raw.requireScopes === true ? { requireScopes: true } : {}),
    ...(riderFilesBucket ? { riderFilesBucket } : {}),
    ...(s3Endpoint ? { s3Endpoint } : {}),
  };
}

/**
 * Fetches and validates `/config.json`. `no-store` because the local cloud rewrites
 * it on every start (new ports), and a stale cached copy would point at dead ports.
 */
export async function loadConfig(fetchFn: typeof fetch = fetch, url = '/config.json'): Promise<SiteConfig> {
  let response: Response;
  try {
    response = await fetchFn(url, { cache: 'no-store' });
  } catch (e) {
    throw new ConfigError(`Could not fetch ${url}: ${(e as Error).message}`);
  }
  if (!response.ok) {
    throw new ConfigError(
      `Could not load ${url} (HTTP ${response.status}). It is written when the stack is deployed or the local cloud starts.`,
    );
  }
  let raw: unknown;
  try {
    raw = await response.json();
  } catch {
    throw new ConfigError(`${url} is not valid JSON.`);
  }
  return parseConfig(raw);
}
