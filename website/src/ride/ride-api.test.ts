import { describe, expect, it } from 'vitest';
import type { SessionTokens } from '../auth/auth-service';
import { buildRideRequest, describeRideFailure } from './ride-api';
import { MalformedRideError } from './ride-response';
import type { CapturedExchange } from './wire-tap';

const session: SessionTokens = { idToken: 'eyJ.id.token', claims: {}, email: 'r@example.com', hasAwsCredentials: true, accessToken: 'eyJ.access.token', accessScopes: ['aws.cognito.signin.user.admin'], flow: 'srp' };
const pin = { lat: 47.6, lng: -122.3 };

describe('buildRideRequest', () => {
  it('cognito: the ID token in Authorization, Amplify told not to sign', () => {
    const req = buildRideRequest('cognito', pin, session);
    expect(req.path).toBe('ride');
    expect(req.options.headers).toEqual({ 'Content-Type': 'application/json', Authorization: 'eyJ.id.token' });
    expect(req.options.defaultAuthMode).toBe('none');
    expect(req.options.body).toEqual({ PickupLocation: { Latitude: 47.6, Longitude: -122.3 } });
  });

  it('iam: no Authorization header, so Amplify signs with SigV4', () => {
    const req = buildRideRequest('iam', pin, session);
    expect(req.options.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(req.options).not.toHaveProperty('defaultAuthMode');
  });

  it('none: neither a token nor a signature', () => {
    const req = buildRideRequest('none', pin, session);
    expect(req.options.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(req.options.defaultAuthMode).toBe('none');
  });

  it.each(['none', 'cognito', 'iam'] as const)('%s with an API key from config.json: sends it as x-api-key next to what the mode sends', (mode) => {
    const req = buildRideRequest(mode, pin, session, 'K3yFromConfig');
    expect(req.options.headers['x-api-key']).toBe('K3yFromConfig');
    expect('Authorization' in req.options.headers).toBe(mode === 'cognito');
  });
});

const exchange = (status: number | undefined, responseBody?: string): CapturedExchange => ({
  method: 'POST',
  url: 'x',
  requestHeaders: {},
  requestBody: undefined,
  status,
  responseBody,
  networkError: status === undefined ? 'Failed to fetch' : undefined,
});

describe('describeRideFailure', () => {
  it('uses the status and message from the wire', () => {
    expect(describeRideFailure(new Error('Unknown error'), exchange(401, '{"message":"Unauthorized"}'), 'cognito')).toEqual({
      status: 401,
      message: 'Unauthorized',
      signInAgain: true,
    });
    expect(describeRideFailure(new Error('x'), exchange(403, '{"Message":"User: arn:... is not authorized"}'), 'iam')).toEqual({
      status: 403,
      message: 'User: arn:... is not authorized',
    });
  });

  it('falls back to Amplify`s RestApiError response when nothing was captured', () => {
    const error = Object.assign(new Error('Unknown error'), { response: { statusCode: 502, body: '{"message":"Internal server error"}' } });
    expect(describeRideFailure(error, undefined, 'none')).toEqual({ status: 502, message: 'Internal server error' });
  });

  it('explains a response the browser never saw (network or CORS)', () => {
    const networkError = Object.assign(new Error('A network error has occurred.'), { name: 'NetworkError' });
    expect(describeRideFailure(networkError, exchange(undefined), 'cognito').message).toMatch(/CORS/);
  });

  it('tells an offline rider they are offline and that retrying will work', () => {
    const networkError = Object.assign(new Error('A network error has occurred.'), { name: 'NetworkError' });
    const { message } = describeRideFailure(networkError, exchange(undefined), 'cognito', false);
    expect(message).toBe('You are offline. Your pickup is kept: press Retry request once you are connected again.');
  });

  it('reports a malformed success as such', () => {
    expect(describeRideFailure(new MalformedRideError('no unicorn'), exchange(201, '{}'), 'none')).toEqual({ status: 201, message: 'no unicorn' });
  });
});

describe('lambda mode', () => {
  it('sends the ID token in Authorization, as cognito mode does, and Amplify does not sign', () => {
    const req = buildRideRequest('lambda', pin, session);
    expect(req.options.headers).toEqual({ 'Content-Type': 'application/json', Authorization: 'eyJ.id.token' });
    expect(req.options.defaultAuthMode).toBe('none');
  });

  it('a suspended rider\'s 403 (explicit deny) reads as a suspension, API Gateway\'s words kept', () => {
    const body = '{"Message":"User is not authorized to access this resource with an explicit deny"}';
    const error = describeRideFailure(new Error('x'), exchange(403, body), 'lambda');
    expect(error.status).toBe(403);
    expect(error.message).toMatch(/^Your account is suspended, so you cannot book rides right now/);
    expect(error.message).toContain('User is not authorized to access this resource with an explicit deny');
    expect(error).not.toHaveProperty('signInAgain');
  });

  it('a 401 asks to sign in again', () => {
    expect(describeRideFailure(new Error('x'), exchange(401, '{"message":"Unauthorized"}'), 'lambda')).toMatchObject({ status: 401, signInAgain: true });
  });
});
