import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatchRidesHandler, NOT_A_DISPATCHER } from '../../lambda/dispatch-rides/dispatch-rides.js';
import { createMyRidesHandler } from '../../lambda/my-rides/my-rides.js';
import { createRideDetailHandler, RIDE_NOT_FOUND } from '../../lambda/ride-detail/ride-detail.js';
import type { Logger } from '../../lambda/ride/log.js';
import { encodePageToken } from '../../lambda/rides-read/page-request.js';
import { dynamoRideGetter, dynamoRideIndex } from '../../lambda/rides-read/rides-index.js';
import type { ProxyHandler } from '../../lambda/rides-read/list-handler.js';
import { createIndexedRidesTable, startDynalite, type TestDynamo } from '../support/dynalite.js';

/**
 * The three read functions (GET /rides, GET /rides/{rideId}, GET /dispatch/rides)
 * through their adapters, with the real SDK, against dynalite with the table's
 * real indexes: each rider sees only their own rides, 404 for another's,
 * pagination newest first, and the dispatch list for dispatchers only.
 */
const TABLE = 'Rides-queries';
let dynamo: TestDynamo;
let myRides: ProxyHandler;
let rideDetail: ProxyHandler;
const dispatch: Record<string, ProxyHandler> = {};
const logs: string[] = [];
const logger: Logger = { log: (level, message, fields) => logs.push(JSON.stringify({ level, message, ...fields })) };

const ALICE = 'sub-alice';
const BOB = 'sub-bob';
const aliceRides: string[] = [];
const bobRides: string[] = [];

beforeAll(async () => {
  dynamo = await startDynalite();
  await createIndexedRidesTable(dynamo.client, TABLE);
  const documents = DynamoDBDocumentClient.from(dynamo.client);
  // Alice books 5 rides, Bob 2, one minute apart, interleaved; stored as the ride function stores them.
  const t0 = Date.parse('2026-11-21T10:00:00Z');
  for (let i = 0; i < 7; i++) {
    const rider = i % 3 === 1 ? BOB : ALICE;
    const id = `ride-${i}`;
    (rider === ALICE ? aliceRides : bobRides).unshift(id);
    await documents.send(new PutCommand({
      TableName: TABLE,
      Item: {
        RideId: id, User: rider, Feed: 'rides', Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' }, UnicornName: 'Shadowfax',
        RequestTime: new Date(t0 + i * 60_000).toISOString(), PickupLocation: { Latitude: 47.6 + i / 100, Longitude: -122.3 },
      },
    }));
  }
  const options = { allowedOrigins: ['*'], logger };
  myRides = createMyRidesHandler({ ...options, reader: dynamoRideIndex(TABLE, 'ByRider', dynamo.client) });
  rideDetail = createRideDetailHandler({ ...options, getter: dynamoRideGetter(TABLE, dynamo.client) });
  for (const authMode of ['none', 'cognito', 'iam', 'lambda']) {
    dispatch[authMode] = createDispatchRidesHandler({ ...options, authMode, reader: dynamoRideIndex(TABLE, 'ByTime', dynamo.client) });
  }
});

afterAll(async () => {
  await dynamo?.close();
});

/** A GET as API Gateway sends it to a proxy integration, for a cognito-mode rider (claims as strings). */
function get(sub: string | undefined, query: Record<string, string[]> | null = null, extra: Partial<APIGatewayProxyEvent> = {}, groups?: string): APIGatewayProxyEvent {
  const claims = sub ? { sub, 'cognito:username': sub, ...(groups ? { 'cognito:groups': groups } : {}) } : undefined;
  return {
    body: null, headers: { Origin: 'http://127.0.0.1:3000' }, multiValueHeaders: {}, httpMethod: 'GET', isBase64Encoded: false,
    path: '/rides', resource: '/rides', pathParameters: null, stageVariables: null,
    queryStringParameters: query ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v.at(-1)!])) : null,
    multiValueQueryStringParameters: query,
    requestContext: { requestId: 'req-1', stage: 'prod', identity: {}, authorizer: claims ? { claims } : null } as APIGatewayProxyEvent['requestContext'],
    ...extra,
  };
}
const body = (r: { body: string }) => JSON.parse(r.body);

describe('GET /rides', () => {
  it('answers only the caller\'s rides, newest first, in the contract\'s shape, with no NextToken on the last page', async () => {
    const r = await myRides(get(ALICE));
    expect(r.statusCode).toBe(200);
    expect(r.headers).toMatchObject({ 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
    const page = body(r);
    expect(page.Rides.map((ride: { RideId: string }) => ride.RideId)).toEqual(aliceRides);
    expect(page).not.toHaveProperty('NextToken');
    expect(Object.keys(page.Rides[0]).sort()).toEqual(['PickupLocation', 'RequestTime', 'RideId', 'Rider', 'Unicorn', 'UnicornName']);
    expect(page.Rides[0]).toMatchObject({ Rider: ALICE, RequestTime: '2026-11-21T10:06:00.000Z', Unicorn: { Name: 'Shadowfax' } });
    expect(body(await myRides(get(BOB))).Rides.map((ride: { RideId: string }) => ride.RideId)).toEqual(bobRides);
  });

  it('pages with limit and nextToken until the last page, which has no NextToken', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = body(await myRides(get(ALICE, { limit: ['2'], ...(token ? { nextToken: [token] } : {}) })));
      seen.push(...page.Rides.map((ride: { RideId: string }) => ride.RideId));
      token = page.NextToken;
      pages++;
    } while (token);
    expect(seen).toEqual(aliceRides);
    expect(pages).toBe(3);
    // Exactly a page's worth left: still no empty page after it.
    const full = body(await myRides(get(BOB, { limit: ['2'] })));
    expect(full.Rides).toHaveLength(2);
    expect(full).not.toHaveProperty('NextToken');
  });

  it('a rider with no rides gets an empty list', async () => {
    expect(body(await myRides(get('sub-nobody')))).toEqual({ Rides: [] });
  });

  it.each([
    [{ limit: ['0'] }, /limit must be a whole number from 1 to 50/],
    [{ limit: ['51'] }, /limit must be a whole number from 1 to 50 \(got "51"\)/],
    [{ limit: ['ten'] }, /limit must be a whole number/],
    [{ limit: ['2', '3'] }, /limit is given 2 times/],
    [{ nextToken: ['not a token!'] }, /nextToken is not a token this list returned/],
    [{ nextToken: [Buffer.from('[1,2]').toString('base64url')] }, /nextToken is not/],
    [{ nextToken: [encodePageToken({ RideId: 'ride-0', User: ALICE, RequestTime: 'x', Extra: 'y' })] }, /nextToken is not/],
  ])('bad paging %j: 400 saying what was wrong', async (query, message) => {
    const r = await myRides(get(ALICE, query));
    expect(r.statusCode).toBe(400);
    expect(body(r).message).toMatch(message);
  });

  it('a nextToken of another rider\'s list (or hand-made to point there) is refused, never followed', async () => {
    const bobsToken = body(await myRides(get(BOB, { limit: ['1'] }))).NextToken;
    expect(bobsToken).toBeTypeOf('string');
    const r = await myRides(get(ALICE, { nextToken: [bobsToken] }));
    expect(r.statusCode).toBe(400);
    const forged = encodePageToken({ RideId: 'ride-6', User: BOB, RequestTime: '2026-11-21T11:00:00.000Z' });
    expect((await myRides(get(ALICE, { nextToken: [forged] }))).statusCode).toBe(400);
  });

  it('none mode: nobody vouched, so the list is the anonymous rides', async () => {
    expect(body(await myRides(get(undefined)))).toEqual({ Rides: [] });
  });
});

describe('GET /rides/{rideId}', () => {
  const one = (sub: string, rideId: string | undefined) => rideDetail(get(sub, null, { resource: '/rides/{rideId}', path: `/rides/${rideId}`, pathParameters: rideId === undefined ? null : { rideId } }));

  it('answers one of the caller\'s rides', async () => {
    const r = await one(ALICE, aliceRides[0]!);
    expect(r.statusCode).toBe(200);
    expect(body(r)).toMatchObject({ RideId: aliceRides[0], Rider: ALICE, UnicornName: 'Shadowfax' });
  });

  it('404 with the same body for another rider\'s ride and for one that does not exist', async () => {
    const others = await one(ALICE, bobRides[0]!);
    const missing = await one(ALICE, 'no-such-ride');
    const malformed = await one(ALICE, '../../etc');
    for (const r of [others, missing, malformed]) {
      expect(r.statusCode).toBe(404);
      expect(body(r)).toEqual({ message: RIDE_NOT_FOUND });
    }
    expect(others.body).toBe(missing.body);
  });
});

describe('GET /dispatch/rides', () => {
  const all = () => [...aliceRides, ...bobRides].sort((a, b) => b.localeCompare(a));

  it('cognito mode: a member of "dispatchers" gets every rider\'s rides, newest first, paged', async () => {
    const first = body(await dispatch.cognito!(get('sub-dispatcher', { limit: ['4'] }, {}, '[dispatchers]')));
    expect(first.Rides).toHaveLength(4);
    const second = body(await dispatch.cognito!(get('sub-dispatcher', { limit: ['4'], nextToken: [first.NextToken] }, {}, '[dispatchers]')));
    expect(second).not.toHaveProperty('NextToken');
    expect([...first.Rides, ...second.Rides].map((ride: { RideId: string }) => ride.RideId)).toEqual(all());
    expect(new Set([...first.Rides, ...second.Rides].map((ride: { Rider: string }) => ride.Rider))).toEqual(new Set([ALICE, BOB]));
  });

  it('cognito mode: a rider outside the group gets 403, and reads nothing', async () => {
    for (const groups of [undefined, '[suspended]', 'dispatchers-not']) {
      const r = await dispatch.cognito!(get(ALICE, null, {}, groups));
      expect(r.statusCode).toBe(403);
      expect(body(r)).toEqual({ message: NOT_A_DISPATCHER });
    }
  });

  it('a rider\'s nextToken does not open the dispatch list, nor the reverse', async () => {
    const ridersToken = body(await myRides(get(ALICE, { limit: ['1'] }))).NextToken;
    expect((await dispatch.cognito!(get('sub-d', { nextToken: [ridersToken] }, {}, '[dispatchers]'))).statusCode).toBe(400);
    const dispatchToken = body(await dispatch.cognito!(get('sub-d', { limit: ['1'] }, {}, '[dispatchers]'))).NextToken;
    expect((await myRides(get(ALICE, { nextToken: [dispatchToken] }))).statusCode).toBe(400);
  });

  it('lambda mode: the groups the authorizer passed on; iam mode: a signed caller API Gateway let through; none: open', async () => {
    const lambdaEvent = (groups: string) => get(undefined, null, { requestContext: { requestId: 'r', identity: {}, authorizer: { principalId: 'sub-d', groups } } as never });
    expect((await dispatch.lambda!(lambdaEvent('dispatchers'))).statusCode).toBe(200);
    expect((await dispatch.lambda!(lambdaEvent(''))).statusCode).toBe(403);
    const iamEvent = get(undefined, null, { requestContext: { requestId: 'r', identity: { cognitoIdentityId: 'us-east-1:abc' } } as never });
    expect((await dispatch.iam!(iamEvent)).statusCode).toBe(200);
    expect((await dispatch.iam!(get(undefined))).statusCode).toBe(403);
    expect((await dispatch.none!(get(undefined))).statusCode).toBe(200);
  });
});
