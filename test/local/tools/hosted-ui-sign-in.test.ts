/**
 * The rider CLI against a stack with -c requireScopes=true, where the API takes only access tokens
 * with the wildrydes/* scopes: an SRP sign-in is refused with what to do, and `sign-in --hosted-ui`
 * (code + PKCE, the code coming back to the tool on localhost) gets tokens that book and list rides,
 * refreshed at /oauth2/token when they expire. The test is the rider's browser (FormBrowser).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RIDER_TOOL_CALLBACK_URL } from '../../../lib/hosted-ui-config.js';
import { riderMain } from '../../../tools/rider/main.js';
import { decodeClaims } from '../../../tools/shared/jwt.js';
import { PASSWORD, quickRider, removeAssemblies, startTestCloud, synthFor, uniqueEmail, type TestCloud } from '../support/cloud.js';
import { FormBrowser, signUpThroughHostedUi } from '../support/hosted-ui.js';
import { checkpoint, postman, rider } from './support/run-tool.js';

let t: TestCloud;
let O: string[];
beforeAll(async () => {
  t = await startTestCloud('cognito', await synthFor('cognito', { requireScopes: 'true' }));
  O = ['--outputs', t.cloud.outputsFile];
}, 240_000);
afterAll(async () => {
  await t?.close();
  removeAssemblies();
});

/** `rider sign-in --hosted-ui` in this process: the address it prints, and its exit code once the browser is back. */
function startHostedUiSignIn(): { url: Promise<string>; done: Promise<{ code: number; stdout: string; stderr: string }> } {
  let stdout = '';
  let stderr = '';
  let announce!: (url: string) => void;
  const url = new Promise<string>((resolve) => (announce = resolve));
  const done = riderMain(['sign-in', '--hosted-ui', ...O], {
    out: (text) => {
      stdout += text;
      const printed = /^ {2}(http\S+\/oauth2\/authorize\?\S+)$/m.exec(stdout)?.[1];
      if (printed) announce(printed);
    },
    err: (text) => void (stderr += text),
  }).then((code) => ({ code, stdout, stderr }));
  return { url, done };
}

describe('npm run rider against -c requireScopes=true', () => {
  it('refuses an SRP session before calling the API, and says to sign in through the hosted UI', async () => {
    const { email } = await quickRider(t);
    expect((await rider('sign-in', '--email', email, '--password', PASSWORD, ...O)).code).toBe(0);
    const refused = await rider('ride', '--lat', '47.6', '--lng', '-122.3', ...O);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('wants an access token with the wildrydes/* scopes');
    expect(refused.stderr).toContain('npm run rider -- sign-in --hosted-ui');
  });

  it('sign-in --hosted-ui: code + PKCE back on localhost, then the access token books and lists rides, refreshed at /oauth2/token', async () => {
    const { url, done } = startHostedUiSignIn();
    const authorize = new URL(await url);
    expect(authorize.origin).toBe(new URL(t.out.UserPoolDomainUrl!).origin);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: t.out.UserPoolClientId,
      redirect_uri: RIDER_TOOL_CALLBACK_URL,
      scope: 'openid email profile wildrydes/rides.read wildrydes/rides.write',
      code_challenge_method: 'S256',
    });

    // The rider signs up and in on the hosted UI; its last answer sends the browser to the tool.
    const browser = new FormBrowser(t.out.UserPoolDomainUrl!);
    const email = uniqueEmail('hosted-cli');
    const back = await signUpThroughHostedUi(browser, authorize.href, email, PASSWORD, t.out.MailboxUrl!);
    expect(back.status).toBe(302);
    const callback = new URL(back.location!);
    expect(`${callback.origin}${callback.pathname}`).toBe(RIDER_TOOL_CALLBACK_URL);

    // An answer for another request (a forged state) is turned away and does not end the wait.
    const forged = new URL(callback);
    forged.searchParams.set('state', 'not-this-one');
    expect((await fetch(forged)).status).toBe(400);
    const landed = await fetch(callback);
    expect(landed.status).toBe(200);
    expect(await landed.text()).toContain('You can close this tab');

    const signedIn = await done;
    expect(signedIn.code, signedIn.stderr).toBe(0);
    expect(signedIn.stdout).toContain('through the hosted UI (scopes: wildrydes/rides.read, wildrydes/rides.write)');
    const file = /Tokens stored in (\S+) \(mode 0600\)/.exec(signedIn.stdout)![1]!;

    const booked = await rider('ride', '--lat', '47.6', '--lng', '-122.3', ...O);
    expect(booked.code, booked.stderr).toBe(0);
    const rideId = /Ride (\S+) for rider/.exec(booked.stdout)![1]!;
    const listed = await rider('rides', '--json', ...O);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(rideId);

    // An ID token about to expire: the next command refreshes both tokens at the token endpoint
    // (an SRP-style refresh would not keep the scopes), and the new access token still books.
    const session = JSON.parse(readFileSync(file, 'utf8')) as { idToken: string; accessToken: string; via: string };
    expect(session.via).toBe('hosted-ui');
    const expiring = `${session.idToken.split('.')[0]}.${Buffer.from(JSON.stringify({ ...decodeClaims(session.idToken), exp: Math.floor(Date.now() / 1000) + 10 })).toString('base64url')}.x`;
    writeFileSync(file, JSON.stringify({ ...session, idToken: expiring }));
    const again = await rider('ride', '--lat', '47.61', '--lng', '-122.31', ...O);
    expect(again.code, again.stderr).toBe(0);
    const refreshed = JSON.parse(readFileSync(file, 'utf8')) as { idToken: string; accessToken: string };
    expect(refreshed.idToken).not.toBe(expiring);
    expect(decodeClaims(refreshed.accessToken).scope).toContain('wildrydes/rides.write');
  });

  it('checkpoint 5, whose probe riders sign in with SRP, says to start without the flag before calling the API', async () => {
    const run = await checkpoint('5', ...O);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toContain('Start the local cloud again without `-c requireScopes=true` for this checkpoint');
  });

  it('npm run postman still writes the collection, and warns that its ride request will get 401 and why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wr-postman-scopes-'));
    try {
      const run = await postman(...O, '--out-dir', dir);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('has -c requireScopes=true, so POST /ride wants an access token with wildrydes/rides.write');
      expect(run.stderr).toContain('OAuth 2.0 (Authorization Code with PKCE)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the email and password on the hosted UI only, not on the command line', async () => {
    const run = await rider('sign-in', '--hosted-ui', '--email', 'a@example.com', ...O);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('go into the hosted UI in your browser');
  });
});
