import { parseAuthMode, type AuthMode } from './auth-mode.js';
import { readAccessConfig, type AccessConfig } from './access-config.js';
import { ConfigError } from './config-error.js';
import { readHostedUiConfig, type HostedUiConfig } from './hosted-ui-config.js';

/** The settings an instructor passes with `-c key=value`. */
export interface AppConfig {
  /** The CloudFormation stack's name: one per attendee sharing an account (`-c stackName=WildRydes-ana`). */
  readonly stackName: string;
  readonly authMode: AuthMode;
  /** Origins allowed to call the API from a browser (`*` for any). */
  readonly allowedOrigins: readonly string[];
  /** Keep the user pool and the rides table on `cdk destroy`. */
  readonly retainData: boolean;
  /**
   * Access logs for the API's stage. Off by default: API Gateway refuses any stage logging, access logs
   * included, until the region's account settings name a CloudWatch Logs role (see lib/rides.ts).
   */
  readonly accessLogs: boolean;
  /** Seconds API Gateway caches a Lambda authorizer's answer per token (lambda mode); 0 turns the cache off. */
  readonly authorizerCacheTtl: number;
  /** API keys, source ranges, WAF and throttling around the API (access-config.ts). */
  readonly access: AccessConfig;
  /** The hosted UI's domain, redirect URLs, implicit grant and method scopes (hosted-ui-config.ts). */
  readonly hostedUi: HostedUiConfig;
}

/** API Gateway's bounds for an authorizer's result TTL (AuthorizerResultTtlInSeconds): 0 to 3600 seconds. */
export const AUTHORIZER_CACHE_TTL = { min: 0, max: 3600, default: 300 } as const;

export const DEFAULT_STACK_NAME = 'WildRydes';
/** CloudFormation's rule for a stack name: a letter, then letters, digits and hyphens, at most 128 characters. */
const STACK_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

/** A context value other than authMode (stackName, allowedOrigins, retainData, accessLogs, authorizerCacheTtl) is malformed. */
export class InvalidContextError extends ConfigError {
  override name = 'InvalidContextError';
}

/** Reads and checks the app's context values; `get` is `node.tryGetContext`. */
export function readAppConfig(get: (key: string) => unknown): AppConfig {
  const authMode = parseAuthMode(get('authMode'));
  return {
    stackName: parseStackName(get('stackName')),
    authMode,
    allowedOrigins: parseOrigins(get('allowedOrigins')),
    retainData: parseBoolean('retainData', get('retainData')),
    accessLogs: parseBoolean('accessLogs', get('accessLogs')),
    authorizerCacheTtl: parseCacheTtl(get('authorizerCacheTtl')),
    access: readAccessConfig(get),
    hostedUi: readHostedUiConfig(get, authMode),
  };
}

function parseStackName(value: unknown): string {
  if (value === undefined || value === null || value === '') return DEFAULT_STACK_NAME;
  const name = String(value);
  if (!STACK_NAME_PATTERN.test(name)) {
    throw new InvalidContextError(
      `stackName: "${name}" is not a CloudFormation stack name (a letter, then letters, digits and hyphens, at most 128), e.g. -c stackName=WildRydes-ana`,
    );
  }
  return name;
}

function parseOrigins(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return ['*'];
  const list = Array.isArray(value) ? value.map(String) : String(value).split(',');
  const origins = list.map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    if (origin === '*') continue;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new InvalidContextError(`allowedOrigins: "${origin}" is not an origin like https://example.com`);
    }
    if (url.origin !== origin) {
      throw new InvalidContextError(`allowedOrigins: "${origin}" is not an origin (scheme, host and port only); did you mean "${url.origin}"?`);
    }
  }
  if (origins.includes('*') && origins.length > 1) {
    throw new InvalidContextError('allowedOrigins: "*" cannot be combined with other origins');
  }
  return origins.length ? origins : ['*'];
}

function parseBoolean(name: string, value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new InvalidContextError(`${name}: expected true or false, got "${String(value)}"`);
}

function parseCacheTtl(value: unknown): number {
  if (value === undefined || value === null || value === '') return AUTHORIZER_CACHE_TTL.default;
  const text = String(value).trim();
  const seconds = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(seconds >= AUTHORIZER_CACHE_TTL.min && seconds <= AUTHORIZER_CACHE_TTL.max)) {
    throw new InvalidContextError(
      `authorizerCacheTtl: expected whole seconds from ${AUTHORIZER_CACHE_TTL.min} (no cache) to ${AUTHORIZER_CACHE_TTL.max}, got "${String(value)}" (e.g. cdk synth -c authorizerCacheTtl=300)`,
    );
  }
  return seconds;
}
