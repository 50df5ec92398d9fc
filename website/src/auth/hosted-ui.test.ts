import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/config';
import { buildRideRequest } from '../ride/ride-api';
import { tokens } from '../test-support/render-app';
import { buildAmplifyConfig } from './amplify-setup';
import { logoutUrl, oauthConfig, sessionFlow, toHostedUiScheme } from './hosted-ui';

const base = {
  region: 'us-east-1', userPoolId: 'us-east-1_AbC123xyz', userPoolClientId: 'client1', identityPoolId: 'us-east-1:1111', apiUrl: 'https://api.example/prod/', authMode: 'cognito',
};
const local = parseConfig({ ...base, hostedUiUrl: 'http://127.0.0.1:3002', redirectSignIn: 'http://127.0.0.1:3000/auth/callback', redirectSignOut: 'http://127.0.0.1:3000/', requireScopes: true });
const deployed = parseConfig({ ...base, hostedUiUrl: 'https://wildrydes-1.auth.us-east-1.amazoncognito.com', redirectSignIn: 'https://d1.cloudfront.net/auth/callback', redirectSignOut: 'https://d1.cloudfront.net/' });

describe('the hosted UI in the website', () => {
  it('config.json: the domain and both redirect URLs together, requireScopes a boolean', () => {
    expect(local).toMatchObject({ hostedUiUrl: 'http://127.0.0.1:3002', requireScopes: true });
    expect(parseConfig({ ...base, hostedUiUrl: 'https://x.example' }).hostedUiUrl).toBeUndefined();
    expect(() => parseConfig({ ...base, requireScopes: 'yes' })).toThrow(/requireScopes/);
  });

  it('gives Amplify loginWith.oauth: the domain host, the code grant and the API scopes', () => {
    expect(buildAmplifyConfig(deployed).Auth?.Cognito.loginWith?.oauth).toEqual({
      domain: 'wildrydes-1.auth.us-east-1.amazoncognito.com',
      scopes: ['openid', 'email', 'profile', 'wildrydes/rides.read', 'wildrydes/rides.write'],
      redirectSignIn: ['https://d1.cloudfront.net/auth/callback'],
      redirectSignOut: ['https://d1.cloudfront.net/'],
      responseType: 'code',
    });
    expect(oauthConfig(parseConfig(base))).toBeUndefined();
  });

  it('takes Amplify\'s https URLs back to http for the local domain only', () => {
    expect(toHostedUiScheme(local, 'https://127.0.0.1:3002/oauth2/token')).toBe('http://127.0.0.1:3002/oauth2/token');
    expect(toHostedUiScheme(local, 'https://127.0.0.1:3001/prod/ride')).toBe('https://127.0.0.1:3001/prod/ride');
    const url = 'https://wildrydes-1.auth.us-east-1.amazoncognito.com/oauth2/authorize?x=1';
    expect(toHostedUiScheme(deployed, url)).toBe(url);
    expect(logoutUrl(local)).toBe('http://127.0.0.1:3002/logout?client_id=client1&logout_uri=http%3A%2F%2F127.0.0.1%3A3000%2F');
  });

  it('tells the flows apart by the access token\'s scopes', () => {
    expect(sessionFlow(['openid', 'wildrydes/rides.write'])).toBe('hostedUi');
    expect(sessionFlow(['aws.cognito.signin.user.admin'])).toBe('srp');
  });

  it('sends the access token with requireScopes (cognito mode), the ID token otherwise', () => {
    const pin = { lat: 47.6, lng: -122.3 };
    expect(buildRideRequest('cognito', pin, tokens, undefined, true).options.headers.Authorization).toBe(tokens.accessToken);
    expect(buildRideRequest('cognito', pin, tokens).options.headers.Authorization).toBe(tokens.idToken);
    expect(buildRideRequest('lambda', pin, tokens, undefined, true).options.headers.Authorization).toBe(tokens.idToken);
  });
});

describe('the inspector labels the token sent', () => {
  it('reads token_use to tell an access token from an ID token', async () => {
    const { tokenUseOf } = await import('../ride/inspector-format');
    const jwt = (claims: object) => `h.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.s`;
    expect(tokenUseOf(jwt({ token_use: 'access', scope: 'openid' }))).toBe('access');
    expect(tokenUseOf(jwt({ token_use: 'id' }))).toBe('id');
    expect(tokenUseOf('not-a-jwt')).toBeUndefined();
  });
});
