import { describe, expect, it } from 'vitest';
import { decodePageToken, encodePageToken, parsePageRequest, type PageBinding } from '../../../lambda/rides-read/page-request.js';

const alice: PageBinding = { tableKey: 'RideId', partitionKey: 'User', partitionValue: 'sub-alice', sortKey: 'RequestTime' };

describe('paging parameters', () => {
  it('limit defaults to 20 and takes 1–50', () => {
    expect(parsePageRequest(null, alice)).toEqual({ limit: 20 });
    expect(parsePageRequest({ limit: ['1'] }, alice)).toEqual({ limit: 1 });
    expect(parsePageRequest({ limit: ['50'] }, alice)).toEqual({ limit: 50 });
    for (const bad of ['0', '51', '-1', '1.5', '', ' 5', '0x10', '1e1']) expect(() => parsePageRequest({ limit: [bad] }, alice)).toThrow(/limit must be a whole number from 1 to 50/);
  });

  it('a token round-trips for its own list only', () => {
    const key = { RideId: 'r1', User: 'sub-alice', RequestTime: '2026-11-21T10:00:00.000Z' };
    const token = encodePageToken(key);
    expect(parsePageRequest({ nextToken: [token] }, alice)).toEqual({ limit: 20, startKey: key });
    expect(() => decodePageToken(token, { ...alice, partitionValue: 'sub-bob' })).toThrow(/nextToken is not a token this list returned/);
    expect(() => decodePageToken(token, { ...alice, partitionKey: 'Feed', partitionValue: 'rides' })).toThrow(/nextToken/);
  });

  it.each([
    ['not base64url', '!!'],
    ['not JSON', Buffer.from('{').toString('base64url')],
    ['an array', encodePageToken([] as never)],
    ['a missing key attribute', encodePageToken({ RideId: 'r1', User: 'sub-alice' })],
    ['a number where a string belongs', Buffer.from(JSON.stringify({ RideId: 1, User: 'sub-alice', RequestTime: 'x' })).toString('base64url')],
    ['a DynamoDB-typed value', Buffer.from(JSON.stringify({ RideId: { S: 'r' }, User: 'sub-alice', RequestTime: 'x' })).toString('base64url')],
    ['an over-long token', 'A'.repeat(1025)],
  ])('refuses %s', (_, token) => {
    expect(() => decodePageToken(token, alice)).toThrow(/nextToken is not a token this list returned/);
  });
});
