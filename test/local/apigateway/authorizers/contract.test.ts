import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authorizerKind } from '../../../../local/apigateway/authorizers/index.js';
import type { AuthorizationRequest, AuthorizerServices } from '../../../../local/apigateway/authorizers/authorizer.js';
import { buildApiModels, GatewayResponseError, route, type IssuedCredentials } from '../../../../local/apigateway/index.js';
import { signRs256 } from '../../support/jwt.js';
import { signCall } from '../../support/sigv4-client.js';
import { handMadeApi, handMadeStack } from '../support/hand-made-api.js';

/**
 * Each authorizer through the one contract: a request and its route in,
 * an authorization context or a rejection out.
 */
const POOL = 'us-east-1_Contract';
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' };

const template = handMadeApi(
  [
    { path: 'open' },
    { path: 'signed', authorizationType: 'AWS_IAM' },
    { path: 'pooled', authorizationType: 'COGNITO_USER_POOLS', authorizer: 'Auth' },
  ],
  {
    Auth: {
      Type: 'AWS::ApiGateway::Authorizer',
      Properties: { RestApiId: { Ref: 'Api' }, Type: 'COGNITO_USER_POOLS', ProviderARNs: [`arn:aws:cognito-idp:us-east-1:123456789012:userpool/${POOL}`] },
    },
    Role: {
      Type: 'AWS::IAM::Role',
      Properties: { AssumeRolePolicyDocument: { Statement: [] }, Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }] } }] },
    },
  },
);
const stack = handMadeStack(template);
const api = buildApiModels(stack)[0]!;
const roleArn = stack.attribute('Role', 'Arn');
const credentials: IssuedCredentials = {
  accessKeyId: 'ASIACONTRACTTEST0001',
  secretAccessKey: 'contract-secret',
  sessionToken: 'contract-session',
  expiration: new Date(Date.now() + 3_600_000),
  identityId: 'us-east-1:11111111-2222-4333-a444-555555555555',
  identityPoolId: 'us-east-1:00000000-0000-4000-a000-000000000000',
  roleArn,
  assumedRoleArn: `${roleArn.replace(':iam::', ':sts::').replace(':role/', ':assumed-role/')}/CognitoIdentityCredentials`,
  authenticationProvider: `cognito-idp.us-east-1.amazonaws.com/${POOL}`,
};
const services: AuthorizerServices = {
  stack,
  api,
  provider: { jwks: (id) => ({ keys: id === POOL ? [jwk] : [] }), lookupCredentials: (id) => (id === credentials.accessKeyId ? credentials : undefined) },
  invoker: { invoke: async () => ({ kind: 'error', errorType: 'Unexpected', errorMessage: 'no function runs here' }) },
};

function authorize(path: string, rawHeaders: string[]) {
  const routed = route(api, `/v1/${path}`, 'POST');
  if (!routed.found) throw new Error(`no route to ${path}`);
  const { method } = routed.match;
  const headers: Record<string, string> = Object.create(null);
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) headers[rawHeaders[i]!.toLowerCase()] = rawHeaders[i + 1]!;
  const input: AuthorizationRequest = {
    request: { method: 'POST', rawPath: `/v1/${path}`, rawQuery: '', rawHeaders, body: Buffer.from('{}'), sourceIp: '127.0.0.1', protocol: 'HTTP/1.1' },
    match: routed.match,
    headers,
    now: new Date(),
  };
  return authorizerKind(method.authorizationType, method.authorizer?.type)!.create(method, services).authorize(input);
}

const idToken = (claims: Record<string, unknown> = {}) => {
  const now = Math.floor(Date.now() / 1000);
  return signRs256(
    { kid: 'k1' },
    { sub: randomUUID(), token_use: 'id', iss: `https://cognito-idp.us-east-1.amazonaws.com/${POOL}`, aud: 'client', iat: now, exp: now + 3600, 'cognito:groups': ['a', 'b'], ...claims },
    privateKey,
  );
};

describe('the authorizer contract', () => {
  it('NONE: an empty context', async () => {
    expect(await authorize('open', [])).toEqual({ ok: true, context: {} });
  });

  it('COGNITO_USER_POOLS: the claims as strings, or an UNAUTHORIZED rejection', async () => {
    const accepted = await authorize('pooled', ['Authorization', idToken()]);
    expect(accepted.ok).toBe(true);
    if (accepted.ok) expect(accepted.context.claims).toMatchObject({ token_use: 'id', 'cognito:groups': '[a b]', exp: expect.stringMatching(/ UTC \d{4}$/) });

    for (const [headers, message] of [
      [[], 'Unauthorized'],
      [['Authorization', 'not-a-token'], 'Unauthorized'],
      [['Authorization', idToken({ exp: Math.floor(Date.now() / 1000) - 10 })], 'The incoming token has expired'],
    ] as const) {
      const refused = await authorize('pooled', [...headers]);
      expect(refused.ok).toBe(false);
      if (!refused.ok) {
        expect(refused.rejection).toBeInstanceOf(GatewayResponseError);
        expect(refused.rejection).toMatchObject({ responseType: 'UNAUTHORIZED', statusCode: 401, message });
      }
    }
  });

  it('AWS_IAM: the credentials and the caller, or the SigV4 refusal', async () => {
    const call = await signCall('http://127.0.0.1:1/v1/', 'signed', credentials, { body: '{}' });
    const rawHeaders = Object.entries(call.headers).flat();
    const accepted = await authorize('signed', rawHeaders);
    // explanation and who feed the local decision trace only (trace/), not the event.
    expect(accepted).toEqual({ ok: true, context: { credentials, caller: `${stack.attribute('Role', 'RoleId')}:CognitoIdentityCredentials` }, explanation: expect.stringMatching(/^signature verified over signed headers /), who: expect.stringContaining(credentials.identityId) });

    const refused = await authorize('signed', []);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.rejection).toMatchObject({ responseType: 'MISSING_AUTHENTICATION_TOKEN', statusCode: 403, message: 'Missing Authentication Token' });
  });
});
