import { describe, expect, it } from 'vitest';
import { tokens } from '../test-support/render-app';
import { buildRidesRequest, describeListFailure, isDispatcher, parseRidePage } from './rides-api';

describe('the rides request, per auth mode', () => {
  it('sends the ID token in cognito and lambda mode, nothing (Amplify signs) in iam mode, and asks for the page it was given', () => {
    expect(buildRidesRequest('cognito', 'mine', tokens).options.headers).toEqual({ Authorization: tokens.idToken });
    expect(buildRidesRequest('lambda', 'all', tokens).path).toBe('dispatch/rides');
    const iam = buildRidesRequest('iam', 'mine', tokens, 'tok-2');
    expect(iam.options.headers).toEqual({});
    expect(iam.options).not.toHaveProperty('defaultAuthMode');
    expect(iam.options.queryParams).toEqual({ limit: '10', nextToken: 'tok-2' });
    expect(buildRidesRequest('none', 'mine', tokens).options).toMatchObject({ defaultAuthMode: 'none', headers: {} });
  });

  it('sends the access token (its wildrydes/rides.read scope) when cognito-mode methods require scopes; lambda mode keeps the ID token', () => {
    expect(buildRidesRequest('cognito', 'mine', tokens, undefined, undefined, true).options.headers).toEqual({ Authorization: tokens.accessToken });
    expect(buildRidesRequest('lambda', 'mine', tokens, undefined, undefined, true).options.headers).toEqual({ Authorization: tokens.idToken });
  });
});

describe('a page of rides', () => {
  it('reads the contract\'s shape; NextToken only when there is one', () => {
    const page = parseRidePage({
      Rides: [{ RideId: 'r1', Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' }, UnicornName: 'Shadowfax', RequestTime: '2026-11-21T10:00:00.000Z', PickupLocation: { Latitude: 47.6, Longitude: -122.3 }, Rider: 'sub-1' }],
      NextToken: 'abc',
    });
    expect(page).toEqual({ rides: [{ rideId: 'r1', unicornName: 'Shadowfax', unicornColor: 'White', requestTime: '2026-11-21T10:00:00.000Z', latitude: 47.6, longitude: -122.3, rider: 'sub-1' }], nextToken: 'abc' });
    expect(parseRidePage({ Rides: [] })).toEqual({ rides: [], nextToken: undefined });
    expect(() => parseRidePage({ message: 'nope' })).toThrow(/without a list of rides/);
  });

  it('a 403 on the dispatch list says who may see it, with the API\'s words', () => {
    expect(describeListFailure('all', 403, 'User is not authorized to access this resource')).toBe(
      'Only dispatchers may see every rider\'s rides. The API refused this request with 403: "User is not authorized to access this resource"',
    );
    expect(describeListFailure('mine', 500, 'boom')).toMatch(/could not be loaded \(500/);
  });

  it('the All rides link is for members of "dispatchers" only', () => {
    expect(isDispatcher({ 'cognito:groups': ['staff', 'dispatchers'] })).toBe(true);
    expect(isDispatcher({ 'cognito:groups': ['suspended'] })).toBe(false);
    expect(isDispatcher({})).toBe(false);
  });
});
