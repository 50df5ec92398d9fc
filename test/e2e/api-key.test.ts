/**
 * One short journey with -c apiKeys=true (authMode=cognito): the website sends the
 * usage plan's key from config.json, the unicorn comes, and the inspector shows
 * x-api-key with what it is (and is not) for. The same API refuses a call
 * without the key, as `curl` would make it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CognitoIdentityProviderClient, ConfirmSignUpCommand, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../local/cloud.js';
import { SHARED_SYNTH_CACHE } from '../support/synth-cache-dir.js';
import { launchChromium } from './support/chromium.js';
import { docsScreenshot } from './support/docs-screenshot.js';
import { waitForCode } from './support/mailbox.js';

const PASSWORD = 'Giddy-up-2026!';
let browser: Browser;
let cloud: LocalCloud;
let dataDir: string;

beforeAll(async () => {
  browser = await launchChromium();
  dataDir = mkdtempSync(join(tmpdir(), 'wild-rydes-e2e-apikey-'));
  cloud = await startLocalCloud({ authMode: 'cognito', context: { apiKeys: 'true' }, dataDir, synthDir: SHARED_SYNTH_CACHE, ports: { api: 0, cognito: 0, dynamodb: 0, website: 0 } });
});
afterAll(async () => {
  await browser?.close();
  await cloud?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the website with API keys on', () => {
  it('sends x-api-key from config.json on the ride request and explains it; a call without it is refused', async () => {
    const out = cloud.outputs[cloud.stackName]!;
    const email = `rider-apikey-${Date.now()}@example.com`;
    // The rider is registered over the Cognito API: the registration pages have their own journey.
    const idp = new CognitoIdentityProviderClient({ endpoint: cloud.urls.cognito, region: out.Region!, credentials: { ...cloud.adminCredentials } });
    await idp.send(new SignUpCommand({ ClientId: out.UserPoolClientId!, Username: email, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: email }] }));
    const { code } = await waitForCode(cloud.urls.mailbox, email);
    await idp.send(new ConfirmSignUpCommand({ ClientId: out.UserPoolClientId!, Username: email, ConfirmationCode: code }));
    const auth = await idp.send(new InitiateAuthCommand({ ClientId: out.UserPoolClientId!, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } }));
    const idToken = auth.AuthenticationResult!.IdToken!;
    idp.destroy();

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.route(/tile\.openstreetmap\.org/, (route) => route.abort());
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(`${cloud.urls.website}/signin`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('heading', { name: 'Where should we pick you up?' }).waitFor();
      await page.getByTestId('map').click({ position: { x: 420, y: 300 } });
      await page.getByTestId('request').click();
      await page.getByTestId('ride-status').filter({ hasText: 'is on the way' }).waitFor({ timeout: 15_000 });

      expect(await page.getByTestId('inspector-status').textContent()).toBe('201');
      const key = page.locator('[data-testid="inspector-headers"] tr[data-header="x-api-key"] td');
      const shown = (await key.textContent())!;
      expect(shown).toContain(out.ApiKey!.slice(0, 4));
      expect(shown).toContain('an API key identifies a client for throttling and quotas; it does not authenticate a rider');
      await docsScreenshot(page, 'ride-api-key', { fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }

    // The rider's own token without the website's key, as curl would send it: the key check refuses.
    const before = cloud.invocations();
    const curl = await fetch(new URL('ride', out.ApiUrl), { method: 'POST', headers: { Authorization: idToken }, body: '{"PickupLocation":{"Latitude":47.6,"Longitude":-122.3}}' });
    expect(curl.status).toBe(403);
    expect(await curl.json()).toEqual({ message: 'Forbidden' });
    expect(cloud.invocations()).toEqual(before);
  });
});
