/**
 * The hosted UI in a real Chromium against the local cloud: from the website's
 * "Sign in with the hosted UI", sign up on the hosted UI's own pages, the code from
 * the mailbox, sign in, back to the website's callback (Amplify exchanges the code
 * with its PKCE verifier), book a ride, sign out through /logout. Once in cognito mode
 * with -c requireScopes=true (the access token, with wildrydes/rides.write, books the
 * ride) and once in iam mode (the identity pool takes the hosted UI's ID token).
 * Screenshots of the hosted-UI page and the ride page go to test-results/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type AuthMode, type LocalCloud } from '../../local/cloud.js';
import { SHARED_SYNTH_CACHE } from '../support/synth-cache-dir.js';
import { launchChromium } from './support/chromium.js';
import { RESULTS, requireBuiltWebsite } from './support/built-website.js';
import { waitForCode } from './support/mailbox.js';

const PASSWORD = 'Giddy-up-2026!';
let browser: Browser;

beforeAll(async () => {
  requireBuiltWebsite();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe.each<[AuthMode, Record<string, string>]>([
  ['cognito', { requireScopes: 'true' }],
  ['iam', {}],
])('the hosted UI, authMode=%s %o', (authMode, context) => {
  let cloud: LocalCloud;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `wild-rydes-e2e-hosted-${authMode}-`));
    cloud = await startLocalCloud({ authMode, dataDir, synthDir: SHARED_SYNTH_CACHE, context, ports: { api: 0, cognito: 0, dynamodb: 0, website: 0 } });
  });
  afterAll(async () => {
    await cloud?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs up and in on the hosted UI, comes back with a code, books a ride, and signs out through /logout', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.context().route(/tile\.openstreetmap\.org/, (route) => route.abort());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const email = `hosted-${authMode}-${Date.now()}@example.com`;
    const h1 = (name: string) => page.getByRole('heading', { level: 1, name });

    await page.goto(`${cloud.urls.website}/signin`);
    await page.getByRole('button', { name: 'Sign in with the hosted UI' }).click();
    await h1('Sign in').waitFor();
    expect(new URL(page.url()).origin).toBe(cloud.urls.cognito);
    if (authMode === 'cognito') await page.screenshot({ path: join(RESULTS, 'hosted-ui-sign-in.png') });

    await page.getByRole('link', { name: 'Need an account? Sign up' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await h1('Confirm your account').waitFor();
    const { code } = await waitForCode(cloud.urls.mailbox, email);
    await page.getByLabel('Verification code').fill(code);
    await page.getByRole('button', { name: 'Confirm account' }).click();
    await page.getByText('Your account is confirmed. Sign in to continue.').waitFor();
    expect(await page.getByLabel('Email').inputValue()).toBe(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Back on the website: the callback route, then the ride page once Amplify has the tokens.
    await h1('Where should we pick you up?').waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe('/ride');
    expect(await page.getByTestId('inspector-flow').textContent()).toContain('hosted UI');
    if (authMode === 'cognito') expect(await page.getByTestId('inspector-scopes').textContent()).toContain('wildrydes/rides.write');

    await page.getByTestId('map').click({ position: { x: 420, y: 300 } });
    await page.getByTestId('request').click();
    await page.getByTestId('ride-status').filter({ hasText: 'is on the way' }).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('inspector-status').textContent()).toBe('201');
    if (authMode === 'cognito') {
      // The access token went on the wire, not the ID token.
      expect(await page.locator('[data-testid="inspector-headers"] tr[data-header="authorization"] td').textContent()).toContain('the Cognito access token');
      await page.screenshot({ path: join(RESULTS, 'hosted-ui-ride.png') });
    }

    // Sign out ends the hosted-UI session too: /logout, then back on the website.
    // The app moves to / in place before the browser has followed /logout's redirect, so waiting for the URL
    // alone would race that later document: wait for the new document's load event.
    const loggedOut = page.waitForResponse((r) => r.url().startsWith(`${cloud.urls.cognito}/logout?`), { timeout: 15_000 });
    const reloaded = page.waitForEvent('load', { timeout: 15_000 });
    await page.getByRole('button', { name: /sign out/i }).click();
    expect((await loggedOut).status()).toBe(302);
    await reloaded;
    expect(page.url()).toBe(`${cloud.urls.website}/`);
    await page.goto(`${cloud.urls.website}/signin`);
    await page.getByRole('button', { name: 'Sign in with the hosted UI' }).click();
    await h1('Sign in').waitFor();
    expect(errors).toEqual([]);
  });
});
