/**
 * Every name `Object.prototype` carries (`constructor`, `toString`, `__proto__`...)
 * sent where a service turns request input into a map key: a query key, a header
 * name, a JSON key, an id, a path segment, to each of the four ports with several
 * methods. None may crash the local cloud or answer a 5xx: each service answers as
 * the real one would (a 4xx, or a success), and afterwards all four still work.
 */
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sha256 } from '../support/sha256.js';
import { quickRider, removeAssemblies, startTestCloud, synthFor, type TestCloud } from '../support/cloud.js';
import { rawRequest, type RawOutcome, type RawRequest } from './raw-http.js';

const NAMES = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__'])];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD'];
const JSON_11 = 'application/x-amz-json-1.1';
const DYNAMO_JSON = 'application/x-amz-json-1.0';

let t: TestCloud;
let idToken: string;
let bases: { website: string; api: string; cognito: string; dynamodb: string };

beforeAll(async () => {
  t = await startTestCloud('cognito', await synthFor('cognito'));
  idToken = (await quickRider(t)).idToken;
  const origin = (url: string) => new URL(url).origin;
  bases = { website: origin(t.cloud.urls.website), api: origin(t.cloud.urls.api), cognito: origin(t.cloud.urls.cognito), dynamodb: origin(t.cloud.urls.dynamodb) };
});
afterAll(async () => {
  await t?.close();
  removeAssemblies();
});

interface Case extends RawRequest {
  service: keyof typeof bases;
  what: string;
  /**
   * Headers signed with the local administrator's key before sending (`headers`
   * are added unsigned after them), so the request passes DynamoDB's signature
   * check and its prototype names reach dynalite itself.
   */
  signed?: Record<string, string>;
}

/** A DynamoDB call signed with the local admin key, as the SDK would sign it. */
async function signForDynamo(c: Case): Promise<Case> {
  if (!c.signed) return c;
  const url = new URL(c.path, bases.dynamodb);
  const signer = new SignatureV4({ service: 'dynamodb', region: t.out.Region!, credentials: t.cloud.adminCredentials, sha256: Sha256, applyChecksum: false });
  const query: Record<string, string> = Object.create(null);
  url.searchParams.forEach((v, k) => (query[k] = v));
  const request = await signer.sign({
    method: c.method ?? 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query,
    headers: { host: url.host, ...c.signed },
    body: c.body ?? '',
  });
  return { ...c, headers: [...Object.entries(request.headers), ...(c.headers ?? [])] };
}

/** Sends every case; returns those that did not get an answer, or got one `acceptable` refuses. */
async function failures(cases: Case[], acceptable: (c: Case, status: number, body: string) => boolean): Promise<string[]> {
  const bad: string[] = [];
  // A few at a time: enough to be quick, few enough not to hide which request did the harm.
  for (let i = 0; i < cases.length; i += 8) {
    const batch = cases.slice(i, i + 8);
    const outcomes: RawOutcome[] = await Promise.all(batch.map(async (c) => rawRequest(bases[c.service], await signForDynamo(c))));
    outcomes.forEach((o, j) => {
      const c = batch[j]!;
      const label = `${c.service} ${c.method ?? 'GET'} ${c.path} (${c.what})`;
      if (!o.ok) bad.push(`${label}: ${o.error}`);
      else if (!acceptable(c, o.answer.status, o.answer.body)) bad.push(`${label}: ${o.answer.status} ${o.answer.body.slice(0, 200)}`);
    });
  }
  return bad;
}

const sigV4Header = (accessKeyId: string, service: string) =>
  `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`;
const amzDate = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

function apiCases(name: string): Case[] {
  const q = encodeURIComponent(name);
  const auth: [string, string][] = [['authorization', idToken], ['content-type', 'application/json']];
  const pickup = { Latitude: 47.6, Longitude: -122.3 };
  const cases: Case[] = [];
  for (const method of METHODS) {
    for (const path of [`/?${q}`, `/prod/ride?${q}`, `/prod/ride?${q}=1&${q}=2`, `/prod/${q}`, `/${q}`, `/prod/ride/${q}`, `/${q}/ride`]) {
      cases.push({ service: 'api', what: 'query key / path segment', method, path });
    }
    cases.push({ service: 'api', what: 'header name', method, path: '/prod/ride', headers: [[name, 'x']] });
  }
  // Past the authorizer: the request reaches the event builder and the function.
  cases.push(
    { service: 'api', what: 'query key, signed in', method: 'POST', path: `/prod/ride?${q}=1&${q}=2`, headers: auth, body: JSON.stringify({ PickupLocation: pickup }) },
    { service: 'api', what: 'bare query key, signed in', method: 'POST', path: `/prod/ride?${q}`, headers: auth, body: JSON.stringify({ PickupLocation: pickup }) },
    { service: 'api', what: 'header name, signed in', method: 'POST', path: '/prod/ride', headers: [...auth, [name, 'x']], body: JSON.stringify({ PickupLocation: pickup }) },
    { service: 'api', what: 'JSON keys, signed in', method: 'POST', path: '/prod/ride', headers: auth, body: `{"${name}":1,"PickupLocation":{"${name}":2,"Latitude":1,"Longitude":2}}` },
    { service: 'api', what: 'JSON key only, signed in', method: 'POST', path: '/prod/ride', headers: auth, body: `{"${name}":{"Latitude":1}}` },
    { service: 'api', what: 'access key id', method: 'POST', path: '/prod/ride', headers: [['authorization', sigV4Header(name, 'execute-api')], ['x-amz-date', amzDate()]] },
    { service: 'api', what: 'preflight asking for a header', method: 'OPTIONS', path: '/prod/ride', headers: [['origin', t.out.WebsiteUrl!], ['access-control-request-method', 'POST'], ['access-control-request-headers', name]] },
  );
  return cases;
}

function cognitoCases(name: string): Case[] {
  const q = encodeURIComponent(name);
  const poolId = t.out.UserPoolId!;
  const clientId = t.out.UserPoolClientId!;
  const identityPoolId = t.out.IdentityPoolId!;
  const provider = `cognito-idp.${t.out.Region}.amazonaws.com/${poolId}`;
  const call = (target: string, body: unknown, what: string, extra: [string, string][] = []): Case => ({
    service: 'cognito',
    what,
    method: 'POST',
    path: '/',
    headers: [['content-type', JSON_11], ['x-amz-target', target], ...extra],
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const idp = (action: string) => `AWSCognitoIdentityProviderService.${action}`;
  const identity = (action: string) => `AWSCognitoIdentityService.${action}`;
  const cases: Case[] = [];
  for (const method of METHODS) {
    for (const path of [`/?${q}`, `/${q}`, `/${q}/.well-known/jwks.json`, `/${poolId}/.well-known/jwks.json?${q}=1`, `/_local/mailbox?${q}`]) {
      cases.push({ service: 'cognito', what: 'query key / path segment', method, path, headers: [['x-amz-target', idp('SignUp')], ['content-type', JSON_11]], body: '{}' });
    }
    cases.push({ service: 'cognito', what: 'header name', method, path: '/', headers: [['x-amz-target', identity('GetId')], ['content-type', JSON_11], [name, 'x']], body: JSON.stringify({ IdentityPoolId: identityPoolId }) });
  }
  cases.push(
    call(idp(name), {}, 'action name'),
    call(identity(name), {}, 'action name'),
    call(idp('SignUp'), `{"${name}":{"a":1},"ClientId":"${clientId}"}`, 'JSON key'),
    call(identity('GetId'), `{"${name}":1,"IdentityPoolId":"${identityPoolId}","Logins":{"${name}":"x"}}`, 'JSON key, Logins key'),
    call(idp('SignUp'), { ClientId: clientId, Username: name, Password: 'Unicorn-Rides-42!', UserAttributes: [{ Name: name, Value: 'x' }] }, 'Username, attribute name'),
    call(idp('SignUp'), { ClientId: name, Username: 'someone@example.com', Password: 'Unicorn-Rides-42!' }, 'ClientId'),
    call(idp('ConfirmSignUp'), { ClientId: clientId, Username: name, ConfirmationCode: '123456' }, 'Username'),
    call(idp('ForgotPassword'), { ClientId: clientId, Username: name }, 'Username'),
    call(idp('ResendConfirmationCode'), { ClientId: clientId, Username: name }, 'Username'),
    call(idp('InitiateAuth'), { ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: name, PASSWORD: 'Unicorn-Rides-42!', [name]: 'x' } }, 'USERNAME, AuthParameters key'),
    call(idp('InitiateAuth'), { ClientId: name, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'a@example.com', SRP_A: 'ab' } }, 'ClientId'),
    call(idp('InitiateAuth'), { ClientId: clientId, AuthFlow: name, AuthParameters: {} }, 'AuthFlow'),
    call(idp('RespondToAuthChallenge'), { ClientId: clientId, ChallengeName: name, Session: name, ChallengeResponses: { USERNAME: name, [name]: 'x' } }, 'ChallengeName, ChallengeResponses key'),
    call(idp('AdminGetUser'), { UserPoolId: poolId, Username: name }, 'Username'),
    call(idp('AdminGetUser'), { UserPoolId: name, Username: 'a@example.com' }, 'UserPoolId'),
    call(idp('ListUsers'), { UserPoolId: name }, 'UserPoolId'),
    call(idp('GetUser'), { AccessToken: name }, 'AccessToken'),
    call(identity('GetId'), { IdentityPoolId: name }, 'IdentityPoolId'),
    call(identity('GetId'), { IdentityPoolId: identityPoolId, Logins: { [name]: idToken } }, 'Logins provider name'),
    call(identity('GetCredentialsForIdentity'), { IdentityId: name }, 'IdentityId'),
    call(identity('GetCredentialsForIdentity'), { IdentityId: name, Logins: { [provider]: idToken } }, 'IdentityId with a login'),
    call(identity('GetOpenIdToken'), { IdentityId: name }, 'IdentityId'),
    call(identity('GetCredentialsForIdentity'), { IdentityId: `${t.out.Region}:${name}` }, 'IdentityId'),
    call(idp('AdminCreateUser'), { UserPoolId: poolId, Username: 'a@example.com' }, 'access key id', [['authorization', sigV4Header(name, 'cognito-idp')], ['x-amz-date', amzDate()]]),
  );
  return cases;
}

function websiteCases(name: string): Case[] {
  const q = encodeURIComponent(name);
  const cases: Case[] = [];
  for (const method of METHODS) {
    for (const path of [`/?${q}`, `/${q}`, `/assets/${q}`, `/${q}.js`, `/config.json?${q}=1`, `/${q}/${q}`]) cases.push({ service: 'website', what: 'query key / path segment', method, path });
    cases.push({ service: 'website', what: 'header name', method, path: '/', headers: [[name, 'x']] });
  }
  return cases;
}

function dynamoCases(name: string, tableName: string): Case[] {
  const call = (action: string, body: unknown, what: string, extra: [string, string][] = [], path = '/'): Case => ({
    service: 'dynamodb',
    what,
    method: 'POST',
    path,
    signed: { 'content-type': DYNAMO_JSON, 'x-amz-target': `DynamoDB_20120810.${action}` },
    headers: extra,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const q = encodeURIComponent(name);
  const cases: Case[] = [];
  for (const method of METHODS) cases.push({ ...call('ListTables', {}, 'query key / method', [], `/?${q}=1`), method }, { ...call('ListTables', {}, 'path', [], `/${q}`), method });
  cases.push(
    call(name, {}, 'action name'),
    call('ListTables', {}, 'header name', [[name, 'x']]),
    call('ListTables', `{"${name}":1}`, 'JSON key'),
    call('DescribeTable', { TableName: name }, 'table name'),
    call('GetItem', { TableName: name, Key: { RideId: { S: 'x' } } }, 'table name'),
    call('GetItem', { TableName: tableName, Key: { [name]: { S: name } } }, 'key attribute name'),
    call('GetItem', { TableName: tableName, Key: { RideId: { S: name } } }, 'key value'),
    call('GetItem', { TableName: tableName, Key: { RideId: { [name]: 'x' } } }, 'attribute type'),
    call('PutItem', { TableName: tableName, Item: { RideId: { S: `proto-${name}` }, [name]: { S: name }, Nested: { M: { [name]: { S: 'x' } } } } }, 'attribute names'),
    call('UpdateItem', { TableName: tableName, Key: { RideId: { S: `proto-${name}` } }, UpdateExpression: 'SET #n = :v', ExpressionAttributeNames: { '#n': name }, ExpressionAttributeValues: { ':v': { S: 'y' } } }, 'expression attribute name'),
    call('UpdateItem', { TableName: tableName, Key: { RideId: { S: `proto-${name}` } }, UpdateExpression: `SET ${name} = :v`, ExpressionAttributeValues: { ':v': { S: 'y' } } }, 'attribute name in an expression'),
    call('Query', { TableName: tableName, KeyConditionExpression: '#k = :v', ExpressionAttributeNames: { '#k': 'RideId', [`#${name}`]: name }, ExpressionAttributeValues: { ':v': { S: name } } }, 'expression names'),
    call('Scan', { TableName: tableName, ProjectionExpression: '#n', ExpressionAttributeNames: { '#n': name }, Limit: 1 }, 'projection'),
    call('Scan', { TableName: tableName, ExclusiveStartKey: { [name]: { S: 'x' } }, Limit: 1 }, 'start key'),
    call('BatchGetItem', { RequestItems: { [name]: { Keys: [{ RideId: { S: 'x' } }] } } }, 'batch table name'),
    call('BatchWriteItem', { RequestItems: { [name]: [{ PutRequest: { Item: { RideId: { S: 'x' } } } }] } }, 'batch table name'),
    call('CreateTable', { TableName: `proto${name}`, AttributeDefinitions: [{ AttributeName: name, AttributeType: 'S' }], KeySchema: [{ AttributeName: name, KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }, 'key schema name'),
    call('DeleteItem', { TableName: tableName, Key: { RideId: { S: `proto-${name}` } } }, 'key value'),
  );
  return cases;
}

/** What each service may answer: its own refusals (4xx, with its error shape) or a success, never a 5xx. */
function acceptable(c: Case, status: number, body: string): boolean {
  if (status >= 500 || status < 200) return false;
  // A signed DynamoDB call must get past the signature check, so that its names reach dynalite.
  // (Except a `__proto__` query key: @smithy/signature-v4's getCanonicalQuery collects the query in a plain
  // object, so the SDK's own signer leaves that key out of what it signs, while the server, like AWS, includes it.)
  const sdkCannotSign = c.path.includes('?__proto__');
  if (c.signed && c.method === 'POST' && !sdkCannotSign && /InvalidSignature|UnrecognizedClient|MissingAuthenticationToken|AccessDenied/.test(body)) return false;
  if (status < 400 || c.method === 'HEAD') return true;
  if (c.service === 'website') return true;
  if (c.service === 'api') return /"message"|"Message"/i.test(body);
  // DynamoDB answers a method other than POST as the real endpoint does, with a bare `<UnknownOperationException/>`.
  if (c.service === 'dynamodb' && status === 404) return body.includes('UnknownOperationException');
  // Cognito and DynamoDB refuse with AWS JSON: `__type` (or a plain message for a path that is not theirs).
  return /"__type"|"message"/.test(body);
}

describe('every Object.prototype name as request input', () => {
  it.each(NAMES)('%s: answered by every service with its normal refusals, nothing crashes', async (name) => {
    const cases = [...websiteCases(name), ...apiCases(name), ...cognitoCases(name), ...dynamoCases(name, t.tableName)];
    expect(await failures(cases, acceptable)).toEqual([]);
  });

  it('afterwards all four services still answer a normal request', async () => {
    const site = await rawRequest(bases.website, { path: '/config.json' });
    expect(site.ok && site.answer.status).toBe(200);
    const ride = await t.post('ride', { headers: { authorization: idToken } });
    expect(ride.status).toBe(201);
    const jwks = await rawRequest(bases.cognito, { path: `/${t.out.UserPoolId}/.well-known/jwks.json` });
    expect(jwks.ok && jwks.answer.status).toBe(200);
    expect((await t.rides()).some((r) => r.RideId === ride.json.RideId)).toBe(true);
    // No request reached a service's last line of defence: each refusal above was the service's own.
    expect(t.logLines.filter((line) => /internal error|failed/i.test(line))).toEqual([]);
  });
});
