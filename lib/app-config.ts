import { parseAuthMode, type AuthMode } from './auth-mode.js';
import { readAccessConfig, type AccessConfig } from './access-config.js';
import { ConfigError } from './config-error.js';

/** The settings an instructor passes with `-c key=value`. */
export interface AppConfig {
  readonly authMode: AuthMode;
  /** Origins allowed to call the API from a browser (`*` for any). */
  readonly allowedOrigins: readonly string[];
  /** Keep the user pool and the rides table on `cdk destroy`. */
  readonly retainData: boolean;
  /** API keys, source ranges, WAF and throttling around the API (access-config.ts). */
  readonly access: AccessConfig;
}

/** A context value other than authMode (allowedOrigins, retainData) is malformed. */
export class InvalidContextError extends ConfigError {
  override name = 'InvalidContextError';
}

/** Reads and checks the app's context values; `get` is `node.tryGetContext`. */
export function readAppConfig(get: (key: string) => unknown): AppConfig {
  return {
    authMode: parseAuthMode(get('authMode')),
    allowedOrigins: parseOrigins(get('allowedOrigins')),
    retainData: parseBoolean('retainData', get('retainData')),
    access: readAccessConfig(get),
  };
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
