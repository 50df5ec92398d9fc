import { parseAuthMode } from '../lib/auth-mode.js';
import type { AdminCredentials } from './admin-credentials.js';
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
  for (const id of stack.resourcesOfType('AWS::CloudFront::Distribution')) {
    rewrites.push([`https://${stack.attribute(id, 'DomainName')}`, endpoints.websiteUrl]);
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
    ...(outputs.S3Endpoint ? { s3Endpoint: outputs.S3Endpoint } : {}),
    ...(outputs.ApiKey ? { apiKey: outputs.ApiKey } : {}),
  };
}
