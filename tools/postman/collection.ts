import { randomUUID } from 'node:crypto';
import type { Target } from '../shared/target.js';

/**
 * A Postman collection (schema v2.1) and environment for one stack, built from
 * its outputs alone: the rider's Cognito calls, then `POST /ride` with the
 * auth its mode wants. Requests keep every value in `{{variables}}` of the
 * environment, and each request's test script stores what the next one needs
 * (tokens, identity id, credentials), so "Run collection" walks the whole path.
 */
export const COLLECTION_SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

export interface PostmanVariable {
  key: string;
  value: string;
  type?: 'default' | 'secret';
  enabled?: boolean;
}
export interface PostmanHeader {
  key: string;
  value: string;
}
export interface PostmanAuth {
  type: 'noauth' | 'awsv4';
  awsv4?: { key: string; value: string; type: 'string' }[];
}
export interface PostmanRequest {
  method: 'GET' | 'POST';
  header: PostmanHeader[];
  body?: { mode: 'raw'; raw: string; options: { raw: { language: 'json' } } };
  /** Postman parses `raw` itself (host, path, query); the schema allows the object with raw alone. */
  url: { raw: string };
  auth: PostmanAuth;
  description: string;
}
export interface PostmanItem {
  name: string;
  request: PostmanRequest;
  event?: { listen: 'test'; script: { type: 'text/javascript'; exec: string[] } }[];
}
export interface PostmanCollection {
  info: { _postman_id: string; name: string; description: string; schema: typeof COLLECTION_SCHEMA };
  item: PostmanItem[];
}
export interface PostmanEnvironment {
  id: string;
  name: string;
  values: PostmanVariable[];
  _postman_variable_scope: 'environment';
}

const json = (value: unknown) => JSON.stringify(value, null, 2);
const noauth: PostmanAuth = { type: 'noauth' };

/** A call to Cognito's JSON API: POST to the service root with the action in X-Amz-Target (unsigned actions only). */
function cognitoCall(name: string, endpointVar: string, target: string, body: unknown, description: string, script: string[]): PostmanItem {
  return {
    name,
    request: {
      method: 'POST',
      header: [
        { key: 'Content-Type', value: 'application/x-amz-json-1.1' },
        { key: 'X-Amz-Target', value: target },
      ],
      body: { mode: 'raw', raw: json(body), options: { raw: { language: 'json' } } },
      url: { raw: `{{${endpointVar}}}` },
      auth: noauth,
      description,
    },
    event: [{ listen: 'test', script: { type: 'text/javascript', exec: script } }],
  };
}

const expectStatus = (code: number) => `pm.test('answers ${code}', () => pm.expect(pm.response.code).to.equal(${code}));`;

export function buildPostman(target: Target): { collection: PostmanCollection; environment: PostmanEnvironment } {
  const name = `Wild Rydes ${target.stackName} (${target.authMode} mode${target.local ? ', local' : ''})`;
  const cognitoUrl = target.userPoolEndpoint ?? `https://cognito-idp.${target.region}.amazonaws.com/`;
  const identityUrl = target.identityPoolEndpoint ?? `https://cognito-identity.${target.region}.amazonaws.com/`;
  const provider = `cognito-idp.${target.region}.amazonaws.com/${target.userPoolId}`;
  const hasKey = target.apiKey !== undefined || target.outputs.ApiKeyId !== undefined;

  const values: PostmanVariable[] = [
    { key: 'apiUrl', value: target.apiUrl },
    { key: 'region', value: target.region },
    { key: 'userPoolClientId', value: target.userPoolClientId },
    { key: 'identityPoolId', value: target.identityPoolId },
    { key: 'cognitoUrl', value: cognitoUrl },
    { key: 'identityUrl', value: identityUrl },
    { key: 'email', value: 'rider@example.com' },
    { key: 'password', value: 'Unicorns-4-ever!', type: 'secret' },
    { key: 'code', value: '' },
    { key: 'idToken', value: '', type: 'secret' },
    { key: 'accessToken', value: '', type: 'secret' },
    { key: 'latitude', value: '47.6062' },
    { key: 'longitude', value: '-122.3321' },
  ];
  if (target.mailboxUrl) values.push({ key: 'mailboxUrl', value: target.mailboxUrl });
  if (target.authMode === 'iam') {
    values.push({ key: 'identityId', value: '' }, { key: 'accessKeyId', value: '', type: 'secret' }, { key: 'secretAccessKey', value: '', type: 'secret' }, { key: 'sessionToken', value: '', type: 'secret' });
  }
  // Deployed, the key's value is in no output (only ApiKeyId): `aws apigateway get-api-key --include-value --api-key <ApiKeyId>`.
  if (hasKey) values.push({ key: 'apiKey', value: target.apiKey ?? '', type: 'secret' });

  const item: PostmanItem[] = [
    cognitoCall(
      '1. Sign up',
      'cognitoUrl',
      'AWSCognitoIdentityProviderService.SignUp',
      { ClientId: '{{userPoolClientId}}', Username: '{{email}}', Password: '{{password}}', UserAttributes: [{ Name: 'email', Value: '{{email}}' }] },
      'Registers {{email}}; Cognito mails a 6-digit code. Change email and password in the environment first.',
      [expectStatus(200)],
    ),
  ];
  if (target.mailboxUrl) {
    item.push({
      name: '2a. Read the code (local mailbox)',
      request: {
        method: 'GET',
        header: [],
        url: { raw: '{{mailboxUrl}}' },
        auth: noauth,
        description: 'The local Cognito keeps the mails it would send; this stores the latest code to {{email}} in the environment.',
      },
      event: [
        {
          listen: 'test',
          script: {
            type: 'text/javascript',
            exec: [
              expectStatus(200),
              "const mine = pm.response.json().filter((m) => m.to.toLowerCase() === pm.environment.get('email').toLowerCase());",
              "pm.environment.set('code', mine[mine.length - 1].code);",
            ],
          },
        },
      ],
    });
  }
  item.push(
    cognitoCall(
      target.mailboxUrl ? '2b. Confirm sign-up' : '2. Confirm sign-up (put the mailed code in {{code}} first)',
      'cognitoUrl',
      'AWSCognitoIdentityProviderService.ConfirmSignUp',
      { ClientId: '{{userPoolClientId}}', Username: '{{email}}', ConfirmationCode: '{{code}}' },
      'Confirms the email with the code.',
      [expectStatus(200)],
    ),
    // The app client allows USER_PASSWORD_AUTH (lib/identity.ts, authFlows.userPassword), which Postman can do;
    // the website and `npm run rider -- sign-in` use SRP, which needs client-side math Postman has no place for.
    cognitoCall(
      '3. Sign in (USER_PASSWORD_AUTH)',
      'cognitoUrl',
      'AWSCognitoIdentityProviderService.InitiateAuth',
      { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: '{{userPoolClientId}}', AuthParameters: { USERNAME: '{{email}}', PASSWORD: '{{password}}' } },
      'Password sign-in over TLS (the client allows USER_PASSWORD_AUTH); stores the ID and access tokens.',
      [expectStatus(200), 'const result = pm.response.json().AuthenticationResult;', "pm.environment.set('idToken', result.IdToken);", "pm.environment.set('accessToken', result.AccessToken);"],
    ),
  );
  if (target.authMode === 'iam') {
    const logins = { [provider]: '{{idToken}}' };
    item.push(
      cognitoCall(
        '4. Identity id (GetId)',
        'identityUrl',
        'AWSCognitoIdentityService.GetId',
        { IdentityPoolId: '{{identityPoolId}}', Logins: logins },
        'The identity pool gives the rider a stable identity id; Logins is keyed by the token issuer without https://.',
        [expectStatus(200), "pm.environment.set('identityId', pm.response.json().IdentityId);"],
      ),
      cognitoCall(
        '5. Credentials (GetCredentialsForIdentity)',
        'identityUrl',
        'AWSCognitoIdentityService.GetCredentialsForIdentity',
        { IdentityId: '{{identityId}}', Logins: logins },
        "Temporary AWS credentials of the identity pool's authenticated role, valid one hour; the ride request signs with them.",
        [
          expectStatus(200),
          'const c = pm.response.json().Credentials;',
          "pm.environment.set('accessKeyId', c.AccessKeyId);",
          "pm.environment.set('secretAccessKey', c.SecretKey);",
          "pm.environment.set('sessionToken', c.SessionToken);",
        ],
      ),
    );
  }
  const header: PostmanHeader[] = [{ key: 'Content-Type', value: 'application/json' }];
  if (target.authMode === 'cognito' || target.authMode === 'lambda') header.push({ key: 'Authorization', value: '{{idToken}}' });
  if (hasKey) header.push({ key: 'x-api-key', value: '{{apiKey}}' });
  const auth: PostmanAuth =
    target.authMode === 'iam'
      ? {
          type: 'awsv4',
          awsv4: [
            { key: 'accessKey', value: '{{accessKeyId}}', type: 'string' },
            { key: 'secretKey', value: '{{secretAccessKey}}', type: 'string' },
            { key: 'sessionToken', value: '{{sessionToken}}', type: 'string' },
            { key: 'region', value: '{{region}}', type: 'string' },
            { key: 'service', value: 'execute-api', type: 'string' },
          ],
        }
      : noauth;
  const how = {
    none: 'No credentials: the API is open in none mode.',
    cognito: 'The ID token in Authorization, read by the Cognito user-pool authorizer.',
    lambda: 'The ID token in Authorization, verified by the Lambda authorizer.',
    iam: "Signed with AWS Signature (SigV4, service execute-api) with the identity pool's temporary credentials.",
  }[target.authMode];
  item.push({
    name: `${target.authMode === 'iam' ? 6 : 4}. Book a ride (POST /ride)`,
    request: {
      method: 'POST',
      header,
      body: { mode: 'raw', raw: json({ PickupLocation: { Latitude: '{{latitude}}', Longitude: '{{longitude}}' } }).replace(/"(\{\{(?:latitude|longitude)\}\})"/g, '$1'), options: { raw: { language: 'json' } } },
      url: { raw: '{{apiUrl}}ride' },
      auth,
      description: `${how}${hasKey ? ' The usage plan wants x-api-key too.' : ''} Answers 201 with the unicorn.`,
    },
    event: [{ listen: 'test', script: { type: 'text/javascript', exec: [expectStatus(201)] } }],
  });

  return {
    collection: {
      info: {
        _postman_id: randomUUID(),
        name,
        description: `The rider's path on ${target.local ? 'the local cloud' : 'the deployed stack'} ${target.stackName}: sign up, confirm, sign in, then POST /ride (${target.authMode} mode). Written by npm run postman from the stack's outputs; select the environment "${name}" and run the requests in order.`,
        schema: COLLECTION_SCHEMA,
      },
      item,
    },
    environment: { id: randomUUID(), name, values: values.map((v) => ({ type: 'default', enabled: true, ...v })), _postman_variable_scope: 'environment' },
  };
}
