import type { AuthMode } from '../../lib/auth-mode.js';
import type { AwsCredentials } from './identity-credentials.js';
import { explained } from './service-errors.js';
import { signedHeaders } from './sign-request.js';

/** What a caller of the API presents; which part is used depends on the auth mode. */
export interface ApiAuth {
  /**
   * cognito and lambda modes: the token sent as is in `Authorization`, as the website does: the ID token,
   * or the access token when the stack has -c requireScopes=true (or a checkpoint shows one refused).
   */
  token?: string;
  /** iam mode: identity-pool credentials the request is SigV4-signed with (service execute-api). */
  credentials?: Pick<AwsCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>;
  /** With `-c apiKeys=true`: the usage plan's key, in `x-api-key`. */
  apiKey?: string;
}

export interface ApiRequest {
  method: 'GET' | 'POST';
  /** Relative to the stage URL, e.g. `ride` or `rides`. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

export interface ApiAnswer {
  status: number;
  /** API Gateway's request id (`x-amzn-RequestId`), when it sent one. */
  requestId?: string;
  text: string;
  json: unknown;
}

/**
 * One call to the API with the credentials the mode expects:
 * - none: nothing;
 * - cognito, lambda: the ID token in `Authorization` (no `Bearer`: the Cognito
 *   authorizer takes the header's value as the token, and so does ours);
 * - iam: a SigV4 signature over method, path, query, host, content type and the
 *   body, with the identity-pool credentials and their session token.
 */
export async function callApi(apiUrl: string, region: string, mode: AuthMode, auth: ApiAuth, request: ApiRequest): Promise<ApiAnswer> {
  const url = new URL(request.path, apiUrl);
  for (const [k, v] of Object.entries(request.query ?? {})) url.searchParams.set(k, v);
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  let headers: Record<string, string> = { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) };
  if (auth.apiKey) headers['x-api-key'] = auth.apiKey;
  if ((mode === 'cognito' || mode === 'lambda') && auth.token) headers.authorization = auth.token;
  if (mode === 'iam' && auth.credentials) {
    headers = await signedHeaders(url, { method: request.method, headers, body }, { service: 'execute-api', region, credentials: auth.credentials });
  }
  const response = await explained('API Gateway', url.origin, () => fetch(url, { method: request.method, headers, ...(body !== undefined ? { body } : {}) }));
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const requestId = response.headers.get('x-amzn-requestid') ?? undefined;
  return { status: response.status, text, json, ...(requestId ? { requestId } : {}) };
}
