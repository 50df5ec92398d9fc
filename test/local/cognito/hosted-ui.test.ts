import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_TTL_MS } from '../../../local/cognito/oauth2/codes.js';
import { codeFromMailbox, PASSWORD, quickRider, removeAssemblies, startTestCloud, synthFor, uniqueEmail, type TestCloud } from '../support/cloud.js';
import { authorizeUrl, FormBrowser, pkce, signUpThroughHostedUi } from '../support/hosted-ui.js';

/** One local cloud in cognito mode with -c requireScopes=true: POST /ride wants an access token with wildrydes/rides.write. */
let t: TestCloud;
let domain: string;
let clientId: string;
let callback: string;
let poolId: string;
const SCOPES = 'openid email profile wildrydes/rides.read wildrydes/rides.write';

beforeAll(async () => {
  t = await startTestCloud('cognito', await synthFor('cognito', { requireScopes: 'true' }));
  domain = t.out.UserPoolDomainUrl!;
  clientId = t.out.UserPoolClientId!;
  poolId = t.out.UserPoolId!;
  callback = `${t.out.WebsiteUrl}/auth/callback`;
}, 240_000);
afterAll(async () => {
  await t?.close();
  removeAssemblies();
});

const codeRequest = (challenge: string, extra: Record<string, string> = {}) => ({
  response_type: 'code', client_id: clientId, redirect_uri: callback, scope: SCOPES, state: 'st-1', code_challenge: challenge, code_challenge_method: 'S256', ...extra,
});
const tokenCall = (form: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${domain}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form).toString() });

/** A confirmed rider signed in on the hosted UI: the browser (with its session cookie) and a fresh code for `p`. */
async function signedInRider(p = pkce(), extra: Record<string, string> = {}) {
  const browser = new FormBrowser(domain);
  const email = uniqueEmail();
  const back = await signUpThroughHostedUi(browser, authorizeUrl(domain, codeRequest(p.challenge, extra)), email, PASSWORD, t.out.MailboxUrl!);
  expect(back.status).toBe(302);
  const location = new URL(back.location!);
  return { browser, email, p, code: location.searchParams.get('code')!, location };
}

describe('the local domain', () => {
  it('is the UserPoolDomainUrl output, and the discovery document advertises its endpoints', async () => {
    expect(domain).toBe(t.out.UserPoolEndpoint);
    const meta = await (await fetch(`${t.out.UserPoolEndpoint}/${poolId}/.well-known/openid-configuration`)).json();
    expect(meta).toMatchObject({
      issuer: `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`,
      authorization_endpoint: `${domain}/oauth2/authorize`,
      token_endpoint: `${domain}/oauth2/token`,
      userinfo_endpoint: `${domain}/oauth2/userInfo`,
      revocation_endpoint: `${domain}/oauth2/revoke`,
      end_session_endpoint: `${domain}/logout`,
    });
  });
});

describe('an independent OIDC client (openid-client) against the local pool', () => {
  it('discovers the pool, completes code + PKCE, reads userInfo, refreshes, and the access token books a ride', async () => {
    const config = await oidc.discovery(new URL(`${domain}/${poolId}/.well-known/openid-configuration`), clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
    const verifier = oidc.randomPKCECodeVerifier();
    const nonce = oidc.randomNonce();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: callback, scope: SCOPES, code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, nonce });
    const browser = new FormBrowser(domain);
    const email = uniqueEmail();
    const back = await signUpThroughHostedUi(browser, url.href, email, PASSWORD, t.out.MailboxUrl!);
    expect(back.location).toMatch(new RegExp(`^${callback}\\?code=`));

    const tokens = await oidc.authorizationCodeGrant(config, new URL(back.location!), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    const id = tokens.claims()!;
    expect(id).toMatchObject({ email, nonce, token_use: 'id', aud: clientId });
    expect(typeof id.auth_time).toBe('number');
    const access = JSON.parse(Buffer.from(tokens.access_token.split('.')[1]!, 'base64url').toString());
    expect(access).toMatchObject({ token_use: 'access', client_id: clientId, scope: SCOPES, auth_time: id.auth_time });

    const info = await oidc.fetchUserInfo(config, tokens.access_token, id.sub);
    expect(info).toMatchObject({ sub: id.sub, email, email_verified: 'true' });

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(JSON.parse(Buffer.from(refreshed.access_token.split('.')[1]!, 'base64url').toString()).scope).toBe(SCOPES);

    // requireScopes: the access token books a ride; the ID token (what SRP's website sent) no longer does.
    expect((await t.post('ride', { headers: { Authorization: refreshed.access_token } })).status).toBe(201);
    expect((await t.post('ride', { headers: { Authorization: tokens.id_token! } })).status).toBe(401);
  });
});

describe('/oauth2/authorize', () => {
  it('sends a browser with a hosted-UI session straight back with a new code; prompt=login asks again', async () => {
    const { browser } = await signedInRider();
    const again = await browser.request(authorizeUrl(domain, codeRequest(pkce().challenge, { state: 'second' })));
    expect(again.status).toBe(302);
    expect(again.location).toMatch(new RegExp(`^${callback}\\?code=[^&]+&state=second$`));
    const forced = await browser.request(authorizeUrl(domain, codeRequest(pkce().challenge, { prompt: 'login' })));
    expect(forced.location).toMatch(/^\/login\?/);
  });

  it('shows an error page, never a redirect, for an unknown client or a redirect_uri not registered', async () => {
    for (const params of [codeRequest(pkce().challenge, { client_id: 'nosuchclient' }), codeRequest(pkce().challenge, { redirect_uri: 'https://evil.example/cb' }), codeRequest(pkce().challenge, { redirect_uri: `${callback}/x` })]) {
      const r = await fetch(authorizeUrl(domain, params), { redirect: 'manual' });
      expect(r.status).toBe(400);
      expect(r.headers.get('location')).toBeNull();
      expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('sends other errors back to the client with the state: unknown scope, no PKCE, plain PKCE, implicit not allowed, other identity provider', async () => {
    const cases: [Record<string, string>, string][] = [
      [codeRequest(pkce().challenge, { scope: 'openid wildrydes/rides.admin' }), 'invalid_scope'],
      [{ ...codeRequest(''), code_challenge: '' }, 'invalid_request'],
      [codeRequest(pkce().verifier, { code_challenge_method: 'plain' }), 'invalid_request'],
      [codeRequest(pkce().challenge, { response_type: 'token' }), 'unauthorized_client'],
      [codeRequest(pkce().challenge, { response_type: 'id_token' }), 'unsupported_response_type'],
      [codeRequest(pkce().challenge, { identity_provider: 'Google' }), 'invalid_request'],
    ];
    for (const [params, error] of cases) {
      if (params.code_challenge === '') delete params.code_challenge;
      const r = await fetch(authorizeUrl(domain, params), { redirect: 'manual' });
      expect(r.status, error).toBe(302);
      const location = new URL(r.headers.get('location')!);
      expect(location.origin + location.pathname).toBe(callback);
      // The implicit grant's answers, errors too, travel in the fragment (RFC 6749 §4.2.2.1).
      const answer = params.response_type === 'token' ? new URLSearchParams(location.hash.slice(1)) : location.searchParams;
      expect(answer.get('error')).toBe(error);
      expect(answer.get('state')).toBe('st-1');
    }
  });
});

describe('/oauth2/token', () => {
  it('refuses a wrong PKCE verifier, then the code cannot be used at all (single use)', async () => {
    const { code, p } = await signedInRider();
    const wrong = await tokenCall({ grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: callback, code_verifier: pkce().verifier });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ error: 'invalid_grant' });
    const right = await tokenCall({ grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: callback, code_verifier: p.verifier });
    expect(await right.json()).toEqual({ error: 'invalid_grant' });
  });

  it('a reused code is invalid_grant and revokes what the first exchange issued', async () => {
    const { code, p } = await signedInRider();
    const form = { grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: callback, code_verifier: p.verifier };
    const first = await tokenCall(form);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const tokens = await first.json();
    expect(Object.keys(tokens).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'refresh_token', 'token_type']);
    const second = await tokenCall(form);
    expect([second.status, await second.json()]).toEqual([400, { error: 'invalid_grant' }]);
    const refresh = await tokenCall({ grant_type: 'refresh_token', client_id: clientId, refresh_token: tokens.refresh_token });
    expect(await refresh.json()).toEqual({ error: 'invalid_grant' });
  });

  it('an expired code (over 5 minutes) and a redirect_uri other than the request\'s are invalid_grant', async () => {
    const { code, p } = await signedInRider();
    const other = await signedInRider();
    const mismatch = await tokenCall({ grant_type: 'authorization_code', client_id: clientId, code: other.code, redirect_uri: `${t.out.WebsiteUrl}/`, code_verifier: other.p.verifier });
    expect(await mismatch.json()).toEqual({ error: 'invalid_grant' });
    t.clock.offsetMs += CODE_TTL_MS + 1000;
    try {
      const late = await tokenCall({ grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: callback, code_verifier: p.verifier });
      expect([late.status, await late.json()]).toEqual([400, { error: 'invalid_grant' }]);
    } finally {
      t.clock.offsetMs = 0;
    }
  });

  it('names a wrong client, a missing or unknown grant type, and client_credentials for a public client', async () => {
    const { code, p } = await signedInRider();
    const base = { grant_type: 'authorization_code', code, redirect_uri: callback, code_verifier: p.verifier };
    expect(await (await tokenCall({ ...base, client_id: 'nosuchclient' })).json()).toEqual({ error: 'invalid_client' });
    const basic = await tokenCall({ ...base, client_id: clientId }, { authorization: `Basic ${Buffer.from(`${clientId}:guess`).toString('base64')}` });
    expect([basic.status, await basic.json()]).toEqual([401, { error: 'invalid_client' }]);
    expect(await (await tokenCall({ client_id: clientId })).json()).toEqual({ error: 'invalid_request' });
    expect(await (await tokenCall({ grant_type: 'password', client_id: clientId })).json()).toEqual({ error: 'unsupported_grant_type' });
    expect(await (await tokenCall({ grant_type: 'client_credentials', client_id: clientId })).json()).toEqual({ error: 'unauthorized_client' });
  });
});

describe('refresh tokens, revocation and userInfo', () => {
  it('a hosted-UI refresh token works with REFRESH_TOKEN_AUTH until /oauth2/revoke, then neither refresh works', async () => {
    const { code, p } = await signedInRider();
    const tokens = await (await tokenCall({ grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: callback, code_verifier: p.verifier })).json();
    const viaApi = await t.idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens.refresh_token } }));
    expect(JSON.parse(Buffer.from(viaApi.AuthenticationResult!.AccessToken!.split('.')[1]!, 'base64url').toString()).scope).toBe(SCOPES);

    const revokeCall = (form: Record<string, string>) => fetch(`${domain}/oauth2/revoke`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
    expect(await (await revokeCall({ token: tokens.access_token, client_id: clientId })).json()).toEqual({ error: 'unsupported_token_type' });
    expect(await (await revokeCall({ client_id: clientId })).json()).toEqual({ error: 'invalid_request' });
    const revoked = await revokeCall({ token: tokens.refresh_token, client_id: clientId });
    expect([revoked.status, await revoked.text()]).toEqual([200, '']);

    expect(await (await tokenCall({ grant_type: 'refresh_token', client_id: clientId, refresh_token: tokens.refresh_token })).json()).toEqual({ error: 'invalid_grant' });
    await expect(t.idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens.refresh_token } }))).rejects.toThrow(/revoked/);
    const info = await fetch(`${domain}/oauth2/userInfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(info.status).toBe(401);
    expect(info.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
  });

  it('userInfo refuses the user-pool API\'s access tokens (no openid scope) and a missing token', async () => {
    const rider = await quickRider(t);
    const auth = await t.idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: rider.email, PASSWORD } }));
    const r = await fetch(`${domain}/oauth2/userInfo`, { headers: { authorization: `Bearer ${auth.AuthenticationResult!.AccessToken}` } });
    expect([r.status, (await r.json()).error]).toEqual([401, 'invalid_token']);
    expect((await fetch(`${domain}/oauth2/userInfo`)).status).toBe(401);
  });
});

describe('hosted-UI pages and /logout', () => {
  it('pages are plain forms with strict headers, refuse a post without the CSRF token, and show Cognito\'s errors', async () => {
    const browser = new FormBrowser(domain);
    const login = await browser.follow(await browser.request(authorizeUrl(domain, codeRequest(pkce().challenge))));
    expect(login.status).toBe(200);
    expect(login.text).toContain('<label for="password">Password</label>');
    expect(login.text).not.toContain('<script');
    const csp = login.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`form-action 'self' ${new URL(callback).origin}`);
    expect(login.headers.get('x-frame-options')).toBe('DENY');

    const forged = await new FormBrowser(domain).request(`${domain}${/action="([^"]+)"/.exec(login.text)![1]!.replace(/&amp;/g, '&')}`, { form: { username: 'a@example.com', password: PASSWORD } });
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('did not come from this page');

    const wrong = await browser.submit(login, { username: uniqueEmail(), password: 'Wrong-password-1!' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Incorrect username or password.');
  });

  it('forgot password: the code from the mailbox and a new password, then sign in with it', async () => {
    const { email } = await signedInRider();
    const browser = new FormBrowser(domain);
    const login = await browser.follow(await browser.request(authorizeUrl(domain, codeRequest(pkce().challenge))));
    const forgot = await browser.request(new URL(/href="(\/forgotPassword\?[^"]+)"/.exec(login.text)![1]!.replace(/&amp;/g, '&'), login.url).href);
    const reset = await browser.follow(await browser.submit(forgot, { username: email }));
    expect(reset.text).toContain('Reset your password');
    expect(reset.text).toContain('/_local/mailbox');
    const code = await codeFromMailbox(t.out.MailboxUrl!, email);
    const weak = await browser.submit(reset, { username: email, code, password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.text).toMatch(/Password/);
    const done = await browser.follow(await browser.submit(weak, { username: email, code, password: 'Another-Unicorn-7!' }));
    expect(done.text).toContain('Your password was changed.');
    const back = await browser.submit(done, { username: email, password: 'Another-Unicorn-7!' });
    expect(back.location).toMatch(new RegExp(`^${callback}\\?code=`));
  });

  it('/logout ends the session and returns to a registered sign-out URL only', async () => {
    const { browser } = await signedInRider();
    const bad = await browser.request(`${domain}/logout?client_id=${clientId}&logout_uri=${encodeURIComponent('https://evil.example/')}`);
    expect([bad.status, bad.location]).toEqual([400, undefined]);
    const out = await browser.request(`${domain}/logout?client_id=${clientId}&logout_uri=${encodeURIComponent(`${t.out.WebsiteUrl}/`)}`);
    expect([out.status, out.location]).toEqual([302, `${t.out.WebsiteUrl}/`]);
    expect(browser.cookies.has('cognito')).toBe(false);
    const again = await browser.request(authorizeUrl(domain, codeRequest(pkce().challenge)));
    expect(again.location).toMatch(/^\/login\?/);
  });
});

describe('-c implicitGrant=true', () => {
  it('answers response_type=token with the tokens in the fragment (no refresh token), the state echoed', async () => {
    const implicit = await startTestCloud('cognito', await synthFor('cognito', { implicitGrant: 'true' }));
    try {
      const d = implicit.out.UserPoolDomainUrl!;
      const cb = `${implicit.out.WebsiteUrl}/auth/callback`;
      const browser = new FormBrowser(d);
      const email = uniqueEmail();
      const back = await signUpThroughHostedUi(
        browser,
        authorizeUrl(d, { response_type: 'token', client_id: implicit.out.UserPoolClientId!, redirect_uri: cb, scope: 'openid email', state: 'imp-1', nonce: 'n-1' }),
        email,
        PASSWORD,
        implicit.out.MailboxUrl!,
      );
      const location = new URL(back.location!);
      expect(location.search).toBe('');
      const fragment = new URLSearchParams(location.hash.slice(1));
      expect([...fragment.keys()].sort()).toEqual(['access_token', 'expires_in', 'id_token', 'state', 'token_type']);
      expect(fragment.get('state')).toBe('imp-1');
      expect(JSON.parse(Buffer.from(fragment.get('id_token')!.split('.')[1]!, 'base64url').toString())).toMatchObject({ email, nonce: 'n-1' });
    } finally {
      await implicit.close();
    }
  }, 240_000);
});
