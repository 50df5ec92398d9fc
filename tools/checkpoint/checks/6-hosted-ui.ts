import { createHash, randomBytes } from 'node:crypto';
import { CALLBACK_PATH } from '../../../lib/hosted-ui-config.js';
import { fail, pass, type Checkpoint, type CheckResult } from '../checkpoint.js';

const ENDPOINTS = ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint'] as const;

/** A status, the Location if any, and the start of the body, as the attendee would read them. */
async function seen(response: Response): Promise<string> {
  const location = response.headers.get('location');
  const text = (await response.text()).replace(/\s+/g, ' ').trim().slice(0, 160);
  return `${response.status}${location ? ` Location: ${location}` : ''}${text ? ` ${text}` : ''}`;
}

/**
 * Module 6: the pool's domain serves the hosted UI. Checked over HTTP as a browser would start
 * the code grant with PKCE: the discovery document, its endpoints, /oauth2/authorize refusing an
 * unregistered redirect_uri with a page (never a redirect to it: RFC 6749 §4.1.2.1) and a request
 * without code_challenge (a public client needs PKCE), then the sign-in form for a proper request.
 * The forms themselves (sign-up, confirm, sign-in) are not driven here.
 */
export const hostedUi: Checkpoint = {
  module: '6',
  title: 'The hosted UI: OAuth 2.0 code grant with PKCE on the pool\'s domain',
  async run(probe) {
    const { outputs, userPoolEndpoint, userPoolId, userPoolClientId } = probe.target;
    const domain = outputs.UserPoolDomainUrl?.replace(/\/$/, '');
    const website = outputs.WebsiteUrl?.replace(/\/$/, '');
    const domainWhat = 'the outputs name the pool\'s domain (UserPoolDomainUrl) and the website (WebsiteUrl)';
    if (!domain || !website) return [fail(domainWhat, `UserPoolDomainUrl ${domain ?? 'missing'}, WebsiteUrl ${website ?? 'missing'}`, 'The user pool needs a domain (lib/hosted-ui.ts) and the stack its outputs; start this version of the app again.')];
    const results: CheckResult[] = [pass(domainWhat)];

    const discoveryUrl = `${userPoolEndpoint}/${userPoolId}/.well-known/openid-configuration`;
    const discovery = await fetch(discoveryUrl);
    const metadata = discovery.ok ? ((await discovery.json()) as Record<string, unknown>) : {};
    const missing = ENDPOINTS.filter((e) => typeof metadata[e] !== 'string' || !String(metadata[e]).startsWith(`${domain}/`));
    const discoveryWhat = `the pool's /.well-known/openid-configuration names ${ENDPOINTS.join(', ')} on ${domain}`;
    if (!discovery.ok || missing.length) {
      results.push(fail(discoveryWhat, discovery.ok ? `${missing.join(', ')}: ${missing.map((e) => String(metadata[e] ?? 'absent')).join(', ')}` : await seen(discovery), 'Cognito names these endpoints once the pool has a domain (AWS::Cognito::UserPoolDomain).'));
      return results;
    }
    results.push(pass(discoveryWhat));
    const [authorizeUrl, tokenUrl, userInfoUrl] = ENDPOINTS.map((e) => String(metadata[e]));

    // The token endpoint answers an unknown code with 400 invalid_grant (RFC 6749 §5.2), userInfo a
    // request without a bearer token with 401 (RFC 6750 §3.1): both endpoints are there and checking.
    const redirectUri = `${website}${CALLBACK_PATH}`;
    const token = await fetch(tokenUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: userPoolClientId, code: 'not-a-code', redirect_uri: redirectUri, code_verifier: 'x'.repeat(43) }),
    });
    const tokenText = await token.text();
    results.push(
      token.status === 400 && /"error":"invalid_grant"/.test(tokenText)
        ? pass('the token endpoint answers an unknown code with 400 invalid_grant')
        : fail('the token endpoint answers an unknown code with 400 invalid_grant', `${token.status} ${tokenText.slice(0, 160)}`),
    );
    const userInfo = await fetch(userInfoUrl!);
    results.push(
      userInfo.status === 401
        ? pass('the userInfo endpoint answers a request without an access token with 401')
        : fail('the userInfo endpoint answers a request without an access token with 401', await seen(userInfo)),
    );

    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const state = randomBytes(12).toString('base64url');
    const authorize = (params: Record<string, string>) =>
      fetch(`${authorizeUrl}?${new URLSearchParams({ response_type: 'code', client_id: userPoolClientId, scope: 'openid', state, ...params })}`, { redirect: 'manual' });

    const wrong = await authorize({ redirect_uri: 'https://attacker.example/callback', code_challenge: challenge, code_challenge_method: 'S256' });
    const wrongWhat = '/oauth2/authorize with an unregistered redirect_uri answers 400 with an error page, not a redirect';
    results.push(
      wrong.status === 400 && !wrong.headers.has('location') && /text\/html/.test(wrong.headers.get('content-type') ?? '')
        ? pass(wrongWhat)
        : fail(wrongWhat, await seen(wrong), 'Cognito sends the browser only to the app client\'s callback URLs (CallbackURLs in lib/hosted-ui.ts).'),
    );
    if (wrong.bodyUsed === false) await wrong.body?.cancel();

    const noPkce = await authorize({ redirect_uri: redirectUri });
    const noPkceLocation = noPkce.headers.get('location') ?? '';
    const noPkceWhat = '/oauth2/authorize without code_challenge redirects back with error=invalid_request (PKCE is required)';
    results.push(
      noPkce.status === 302 && noPkceLocation.startsWith(`${redirectUri}?`) && new URL(noPkceLocation).searchParams.get('error') === 'invalid_request'
        ? pass(noPkceWhat)
        : fail(noPkceWhat, await seen(noPkce), 'A client without a secret (the website) must send a PKCE code_challenge.'),
    );

    const right = await authorize({ redirect_uri: redirectUri, code_challenge: challenge, code_challenge_method: 'S256' });
    const loginUrl = right.status === 302 && right.headers.get('location') ? new URL(right.headers.get('location')!, authorizeUrl) : undefined;
    const formWhat = `/oauth2/authorize with redirect_uri ${redirectUri} and an S256 code_challenge shows the sign-in form`;
    if (!loginUrl) {
      results.push(fail(formWhat, await seen(right), `The app client ${userPoolClientId} needs the code grant, the openid scope and ${redirectUri} among its callback URLs.`));
      return results;
    }
    const login = await fetch(loginUrl, { redirect: 'manual' });
    const page = await login.text();
    results.push(
      login.status === 200 && /text\/html/.test(login.headers.get('content-type') ?? '') && /<form[\s>]/i.test(page) && /type="password"/i.test(page)
        ? pass(`${formWhat} (200, HTML)`)
        : fail(formWhat, `${loginUrl.pathname}: ${login.status} ${page.replace(/\s+/g, ' ').slice(0, 160)}`),
    );
    return results;
  },
};
