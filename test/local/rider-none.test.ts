import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirInUseError } from '../../local/cloud.js';
import { BODY_LIMIT_BYTES } from '../../local/cognito/index.js';
import { PICKUP, removeAssemblies, startTestCloud, synthFor, type TestCloud } from './support/cloud.js';

/** authMode=none: the workshop's starting point. Bad bodies, CORS and concurrency, through the real template. */
let t: TestCloud;
let assemblyDir: string;
beforeAll(async () => {
  assemblyDir = await synthFor('none');
  t = await startTestCloud('none', assemblyDir);
});
afterAll(async () => {
  await t?.close();
  removeAssemblies();
});

describe('authMode=none', () => {
  it("the cloud's Cognito endpoint refuses an over-long body with Cognito's 413", async () => {
    const response = await fetch(t.out.UserPoolEndpoint!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.SignUp' },
      body: Buffer.alloc(BODY_LIMIT_BYTES + 10, 0x20),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { __type: string }).__type).toBe('RequestEntityTooLargeException');
  });

  it('books a ride without credentials, and the ride is in the table', async () => {
    const r = await t.post('ride');
    expect(r.status).toBe(201);
    expect(r.headers.get('access-control-allow-origin')).toBeTruthy();
    expect(r.json).toMatchObject({ RideId: expect.any(String), Unicorn: { Name: expect.any(String) } });
    const stored = (await t.rides()).filter((ride) => ride.RideId === r.json.RideId);
    expect(stored).toHaveLength(1);
  });

  it('the read methods are open too (the starting point): GET /rides and the dispatch list answer the anonymous rides, a ride by id its own', async () => {
    const booked = (await t.post('ride')).json.RideId as string;
    const mine = await t.post('rides?limit=50', { method: 'GET' });
    expect(mine.status).toBe(200);
    expect(mine.json.Rides.map((ride: { RideId: string }) => ride.RideId)).toContain(booked);
    expect(new Set(mine.json.Rides.map((ride: { Rider: string }) => ride.Rider))).toEqual(new Set(['anonymous']));
    expect((await t.post(`rides/${booked}`, { method: 'GET' })).json).toMatchObject({ RideId: booked, Rider: 'anonymous' });
    expect((await t.post('rides/no-such-ride', { method: 'GET' })).status).toBe(404);
    expect((await t.post('dispatch/rides', { method: 'GET' })).status).toBe(200);
  });

  it.each([
    ['not JSON', '{"PickupLocation":'],
    ['a JSON array', '[]'],
    ['no PickupLocation', '{}'],
    ['a latitude that is not a number', JSON.stringify({ PickupLocation: { Latitude: 'north', Longitude: 1 } })],
    ['a latitude out of range', JSON.stringify({ PickupLocation: { Latitude: 91, Longitude: 1 } })],
  ])('answers 400 to %s and writes nothing', async (_case, body) => {
    const before = (await t.rides()).length;
    const r = await t.post('ride', { body });
    expect(r.status).toBe(400);
    expect(typeof r.json?.message).toBe('string');
    expect((await t.rides()).length).toBe(before);
  });

  it('answers the CORS preflight from the template’s mock integration, without running the function', async () => {
    const before = t.invocations();
    const r = await t.post('ride', { method: 'OPTIONS', headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-methods')).toBe('OPTIONS,POST');
    expect(r.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(t.invocations()).toBe(before);
  });

  it('answers an unknown path or method as API Gateway does, with CORS headers', async () => {
    for (const [path, method] of [['rides', 'POST'], ['ride', 'GET'], ['../prod/nothing', 'POST']] as const) {
      const r = await t.post(path, { method });
      expect(r.status).toBe(403);
      expect(r.json).toEqual({ message: 'Missing Authentication Token' });
      expect(r.headers.get('access-control-allow-origin')).toBe('*');
    }
  });

  it('books 50 rides at once, each stored exactly once', async () => {
    const before = new Set((await t.rides()).map((r) => r.RideId));
    const answers = await Promise.all(Array.from({ length: 50 }, () => t.post('ride', { body: JSON.stringify(PICKUP) })));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
    const ids = answers.map((a) => a.json.RideId as string);
    expect(new Set(ids).size).toBe(50);
    const after = (await t.rides()).filter((r) => !before.has(r.RideId));
    expect(after.map((r) => r.RideId).sort()).toEqual([...ids].sort());
  });

  it('refuses a second cloud on a data folder in use, and the first keeps serving', async () => {
    await expect(startTestCloud('none', assemblyDir, { dataDir: t.dataDir })).rejects.toThrow(DataDirInUseError);
    expect((await t.post('ride')).status).toBe(201);
    expect(existsSync(t.cloud.outputsFile)).toBe(true);
  });
});
