import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../lambda/ride/log.js';
import type { RideHandler } from '../../lambda/ride/handler.js';
import { createRidesTable, LOCAL_CREDENTIALS, startDynalite, type TestDynamo } from '../support/dynalite.js';

/**
 * The ride function through its real handler, with the real SDK, against a
 * real DynamoDB-compatible server: the same code path as in Lambda, where the
 * SDK finds its endpoint in the environment.
 */
const TABLE = 'Rides-test';
let dynamo: TestDynamo;
let handler: RideHandler;
let createRideHandler: typeof import('../../lambda/ride/handler.js').createRideHandler;
let dynamoRideStore: typeof import('../../lambda/ride/rides-table.js').dynamoRideStore;

beforeAll(async () => {
  dynamo = await startDynalite();
  await createRidesTable(dynamo.client, TABLE);
  // What the stack (or the local cloud) gives the function.
  Object.assign(process.env, {
    TABLE_NAME: TABLE,
    ALLOWED_ORIGINS: '*',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  });
  ({ handler, createRideHandler } = await import('../../lambda/ride/handler.js'));
  ({ dynamoRideStore } = await import('../../lambda/ride/rides-table.js'));
});

afterAll(async () => {
  await dynamo?.close();
});

async function storedRides() {
  const { Items = [] } = await DynamoDBDocumentClient.from(dynamo.client).send(new ScanCommand({ TableName: TABLE }));
  return Items;
}

let before: number;
beforeEach(async () => {
  before = (await storedRides()).length;
});

type Context = Partial<APIGatewayProxyEvent['requestContext']>;
function event(body: string | null, requestContext: Context = {}, extra: Partial<APIGatewayProxyEvent> = {}): APIGatewayProxyEvent {
  return {
    body,
    headers: { 'Content-Type': 'application/json', Origin: 'http://127.0.0.1:5173' },
    multiValueHeaders: {},
    httpMethod: 'POST',
    isBase64Encoded: false,
    path: '/ride',
    pathParameters: null,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    resource: '/ride',
    requestContext: { requestId: 'req-123', stage: 'prod', identity: {}, authorizer: null, ...requestContext } as APIGatewayProxyEvent['requestContext'],
    ...extra,
  };
}

const seattle = JSON.stringify({ PickupLocation: { Latitude: 47.6062, Longitude: -122.3321 } });

describe('POST /ride', () => {
  it('books a ride: 201 with the unicorn, and the ride is stored', async () => {
    const result = await handler(event(seattle, { authorizer: { claims: { 'cognito:username': 'rider-1', sub: 'rider-1' } } }));
    expect(result.statusCode).toBe(201);
    expect(result.headers).toMatchObject({ 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
    const body = JSON.parse(result.body);
    expect(body).toMatchObject({ Eta: '30 seconds', EtaSeconds: 30, Rider: 'rider-1' });
    expect(['Bucephalus', 'Shadowfax', 'Rocinante']).toContain(body.UnicornName);
    expect(body.Unicorn.Name).toBe(body.UnicornName);

    const stored = (await storedRides()).find((r) => r.RideId === body.RideId);
    expect(stored).toMatchObject({
      User: 'rider-1',
      UnicornName: body.UnicornName,
      Unicorn: body.Unicorn,
      PickupLocation: { Latitude: 47.6062, Longitude: -122.3321 },
    });
    expect(Date.parse(stored!.RequestTime)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('reads a base64-encoded body as API Gateway may deliver it', async () => {
    const result = await handler(event(Buffer.from(seattle).toString('base64'), {}, { isBase64Encoded: true }));
    expect(result.statusCode).toBe(201);
  });

  describe('the rider is who API Gateway vouched for, per auth mode', () => {
    it('cognito: the authorizer claims', async () => {
      const result = await handler(event(seattle, { authorizer: { claims: { 'cognito:username': 'alice', sub: 'sub-alice' } } }));
      expect(JSON.parse(result.body).Rider).toBe('sub-alice');
    });

    it('iam: the user-pool sub the signer signed in with, the same rider as in cognito mode', async () => {
      const provider = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc,cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc:CognitoSignIn:sub-alice';
      const identity = { cognitoIdentityId: 'us-east-1:6f1c-identity', cognitoAuthenticationType: 'authenticated', cognitoAuthenticationProvider: provider } as never;
      const result = await handler(event(seattle, { identity }));
      const body = JSON.parse(result.body);
      expect(body.Rider).toBe('sub-alice');
      const stored = (await storedRides()).find((r) => r.RideId === body.RideId);
      expect(stored?.User).toBe('sub-alice');
      expect(stored?.Feed).toBe('rides');
    });

    it('none: anonymous', async () => {
      const result = await handler(event(seattle));
      expect(JSON.parse(result.body).Rider).toBe('anonymous');
    });

    it('never a rider named in the body or a header', async () => {
      const body = JSON.stringify({ PickupLocation: { Latitude: 1, Longitude: 2 }, User: 'mallory', Rider: 'mallory' });
      const result = await handler(event(body, {}, { headers: { 'X-Rider': 'mallory', 'cognito:username': 'mallory' } }));
      expect(JSON.parse(result.body).Rider).toBe('anonymous');
    });
  });

  describe('bad input: 400 with a message, and nothing written', () => {
    it.each([
      ['no body', null, /no body/],
      ['not JSON', '{nope', /not valid JSON/],
      ['missing PickupLocation', '{}', /PickupLocation is missing/],
      ['missing latitude', '{"PickupLocation":{"Longitude":1}}', /Latitude is missing/],
      ['missing longitude', '{"PickupLocation":{"Latitude":1}}', /Longitude is missing/],
      ['latitude as a string', '{"PickupLocation":{"Latitude":"1","Longitude":1}}', /Latitude must be a finite number/],
      ['infinite longitude', '{"PickupLocation":{"Latitude":1,"Longitude":1e400}}', /Longitude must be a finite number/],
      ['latitude out of range', '{"PickupLocation":{"Latitude":91,"Longitude":1}}', /Latitude must be between -90 and 90/],
      ['longitude out of range', '{"PickupLocation":{"Latitude":1,"Longitude":181}}', /Longitude must be between -180 and 180/],
      ['body too large', JSON.stringify({ PickupLocation: { Latitude: 1, Longitude: 1 }, pad: 'x'.repeat(5000) }), /too large/],
    ])('%s', async (_case, body, message) => {
      const result = await handler(event(body));
      expect(result.statusCode).toBe(400);
      expect(result.headers?.['Access-Control-Allow-Origin']).toBe('*');
      const parsed = JSON.parse(result.body);
      expect(Object.keys(parsed)).toEqual(['message']);
      expect(parsed.message).toMatch(message);
      expect(await storedRides()).toHaveLength(before);
    });
  });

  it('a failed write: 500 with a reference and no internal detail; the error is logged as structured JSON', async () => {
    const lines: Array<{ level: string; message: string; fields: Record<string, unknown> }> = [];
    const logger: Logger = { log: (level, message, fields = {}) => lines.push({ level, message, fields }) };
    const broken = createRideHandler({ store: dynamoRideStore('NoSuchTable'), logger });

    const result = await broken(event(seattle, { requestId: 'req-broken' }));

    expect(result.statusCode).toBe(500);
    const body = JSON.parse(result.body);
    expect(body).toEqual({ message: 'The ride could not be booked. Please try again.', Reference: 'req-broken' });
    expect(result.body).not.toMatch(/NoSuchTable|ResourceNotFound|stack|at /);
    const error = lines.find((l) => l.level === 'ERROR');
    expect(error?.fields).toMatchObject({ requestId: 'req-broken', errorName: 'ResourceNotFoundException' });
    expect(JSON.parse(JSON.stringify(error))).toBeTruthy();
    expect(await storedRides()).toHaveLength(before);
  });

  it('echoes only an allowed origin when the stack names its origins', async () => {
    const strict = createRideHandler({ store: dynamoRideStore(TABLE), allowedOrigins: ['https://rides.example'], logger: { log() {} } });
    const allowed = await strict(event(seattle, {}, { headers: { origin: 'https://rides.example' } }));
    expect(allowed.headers).toMatchObject({ 'Access-Control-Allow-Origin': 'https://rides.example', Vary: 'Origin' });
    const other = await strict(event(seattle, {}, { headers: { origin: 'https://evil.example' } }));
    expect(other.headers?.['Access-Control-Allow-Origin']).toBe('https://rides.example');
  });
});
