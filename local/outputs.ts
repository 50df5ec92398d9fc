import { parseAuthMode } from '../lib/auth-mode.js';
import type { AdminCredentials } from './admin-credentials.js';
import { CALLBACK_PATH, SIGN_OUT_PATH } from '../lib/hosted-ui-config.js';
import { LocalCloudError } from './errors.js';
import type { LocalStack } from './template/index.js';
import type { WebsiteConfig } from './website-server.js';

export interface LocalEndpoints {
  apiBaseUrl: string;
  websiteUrl: string;
  cognitoUrl: string;
  dynamoDbUrl: string;
  /** The local S3; absent in callers that start no S3. */
  s3Url?: string;
  dataDir: string;
  /** The local administrator, written out as AdminAccessKeyId / AdminSecretAccessKey for tools. */
  admin?: AdminCredentials;
}

/** One stack's outputs, as `cdk deploy --outputs-file` writes them, plus where the local services listen. */
export type StackOutputs = Record<string, string>;

/**
 * The stack's outputs resolved locally: every AWS URL of the template's API
 * and distribution becomes the local one, so whatever reads ApiUrl or
 * WebsiteUrl finds this machine.
 */
export function localOutputs(stack: LocalStack, endpoints: LocalEndpoints): StackOutputs {
  const rewrites: [string, string][] = [];
  for (const apiId of stack.resourcesOfType('AWS::ApiGateway::RestApi').map((id) => stack.physicalId(id))) {
    rewrites.push([`https://${apiId}.execute-api.${stack.region}.amazonaws.com/`, `${endpoints.apiBaseUrl}/`]);
  }
  rewrites.push(...websiteRewrites(stack, endpoints.websiteUrl));
  // The hosted UI's domain (https://<prefix>.auth.<region>.amazoncognito.com) is served by the local Cognito.
  for (const id of stack.resourcesOfType('AWS::Cognito::UserPoolDomain')) {
    rewrites.push([`https://${stack.physicalId(id)}.auth.${stack.region}.amazoncognito.com`, endpoints.cognitoUrl]);
  }
  const outputs: StackOutputs = {};
  for (const [key, output] of Object.entries(stack.template.Outputs ?? {})) {
    let value = String(stack.resolve(output.Value));
    for (const [from, to] of rewrites) value = value.split(from).join(to);
    outputs[key] = value;
  }
  return {
    ...outputs,
    UserPoolEndpoint: endpoints.cognitoUrl,
    IdentityPoolEndpoint: endpoints.cognitoUrl,
    MailboxUrl: `${endpoints.cognitoUrl}/_local/mailbox`,
    DynamoDbEndpoint: endpoints.dynamoDbUrl,
    ...(endpoints.s3Url ? { S3Endpoint: endpoints.s3Url } : {}),
    DataDir: endpoints.dataDir,
    ...(endpoints.admin ? { AdminAccessKeyId: endpoints.admin.accessKeyId, AdminSecretAccessKey: endpoints.admin.secretAccessKey } : {}),
  };
}

/** Does any API method require OAuth scopes (`-c requireScopes=true`)? Then the website sends access tokens. */
export function methodsRequireScopes(stack: LocalStack): boolean {
  return stack.resourcesOfType('AWS::ApiGateway::Method').some((id) => {
    const scopes = stack.template.Resources[id]!.Properties?.AuthorizationScopes;
    return Array.isArray(scopes) && scopes.length > 0;
  });
}

/** The website's CloudFront URL → the local website's. */
function websiteRewrites(stack: LocalStack, websiteUrl: string): [string, string][] {
  return stack.resourcesOfType('AWS::CloudFront::Distribution').map((id) => [`https://${stack.attribute(id, 'DomainName')}`, websiteUrl]);
}

/**
 * A URL of the template as the local cloud serves it: the website's CloudFront
 * URL becomes the local website's (for the hosted UI's callback and sign-out
 * URLs, `https://<distribution>/auth/callback` → `http://127.0.0.1:3000/auth/callback`).
 */
export function localUrlOf(stack: LocalStack, websiteUrl: string): (url: string) => string {
  const rewrites = websiteRewrites(stack, websiteUrl);
  return (url) => {
    for (const [from, to] of rewrites) if (url === from || url.startsWith(`${from}/`)) return `${to}${url.slice(from.length)}`;
    return url;
  };
}

/**
 * The browser origins the stack itself names: the app's `allowedOrigins`
 * reach the template as the functions' ALLOWED_ORIGINS variable (lib/rides.ts).
 * A wildcard is left out: it opens the API to any page, and a user pool is
 * only ever called from the app's own origins.
 */
export function stackAllowedOrigins(stack: LocalStack): string[] {
  const origins = new Set<string>();
  for (const id of stack.resourcesOfType('AWS::Lambda::Function')) {
    const variables = stack.resolve<Record<string, unknown>>(stack.template.Resources[id]!.Properties?.Environment?.Variables ?? {});
    const value = variables.ALLOWED_ORIGINS;
    if (typeof value !== 'string') continue;
    for (const origin of value.split(',').map((o) => o.trim())) {
      if (origin === '' || origin === '*') continue;
      try {
        if (new URL(origin).origin === origin) origins.add(origin);
      } catch {
        /* not an origin: ignored */
      }
    }
  }
  return [...origins];
}

export class MissingOutputError extends LocalCloudError {
  override name = 'MissingOutputError';
}

/** The website's `/config.json`, from the same outputs a deployed stack has. */
export function websiteConfig(outputs: StackOutputs): WebsiteConfig {
  const need = (key: string) => {
    const value = outputs[key];
    if (value === undefined) throw new MissingOutputError(`The stack has no ${key} output; the website needs it in /config.json`);
    return value;
  };
  return {
    region: need('Region'),
    userPoolId: need('UserPoolId'),
    userPoolClientId: need('UserPoolClientId'),
    identityPoolId: need('IdentityPoolId'),
    apiUrl: need('ApiUrl'),
    authMode: parseAuthMode(need('AuthMode')),
    riderFilesBucket: need('RiderFilesBucket'),
    userPoolEndpoint: need('UserPoolEndpoint'),
    identityPoolEndpoint: need('IdentityPoolEndpoint'),
    mailboxUrl: need('MailboxUrl'),
    ...(outputs.TileUrl ? { tileUrl: outputs.TileUrl } : {}),
    // The hosted UI (what the deployed config.json gets from lib/wild-rydes-stack.ts), served by the local Cognito.
    ...(outputs.UserPoolDomainUrl
      ? { hostedUiUrl: outputs.UserPoolDomainUrl, redirectSignIn: `${need('WebsiteUrl')}${CALLBACK_PATH}`, redirectSignOut: `${need('WebsiteUrl')}${SIGN_OUT_PATH}` }
      : {}),
    ...(outputs.S3Endpoint ? { s3Endpoint: outputs.S3Endpoint } : {}),
    ...(outputs.ApiKey ? { apiKey: outputs.ApiKey } : {}),
  };
}
