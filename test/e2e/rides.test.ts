/**
 * Authorization in a real Chromium against the local cloud (authMode=iam, where the
 * identity pool picks each person's role from their ID token): a rider books two
 * rides and sees them on "My rides"; a second rider sees none of them and, forcing
 * the dispatch page, reads the API's 403; a dispatcher, added to the group with the
 * local administrator's credentials, gets the "All rides" link and sees both rides.
 * Screenshots of both pages are saved in test-results/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminSetUserPasswordCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../local/cloud.js';
import { SHARED_SYNTH_CACHE } from '../support/synth-cache-dir.js';
import { RESULTS, requireBuiltWebsite } from './support/built-website.js';
import { launchChromium } from './support/chromium.js';

const PASSWORD = 'Giddy-up-2026!';
let browser: Browser;
let cloud: LocalCloud;
let dataDir: string;
let admin: CognitoIdentityProviderClient;
let poolId: string;

beforeAll(async () => {
  requireBuiltWebsite();
  dataDir = mkdtempSync(join(tmpdir(), 'wild-rydes-e2e-rides-'));
  cloud = await startLocalCloud({ authMode: 'iam', dataDir, synthDir: SHARED_SYNTH_CACHE, ports: { api: 0, cognito: 0, dynamodb: 0, website: 0 } });
  browser = await launchChromium();
  // The local administrator's key, as `aws cognito-idp` would use it from the ready block's profile.
  admin = new CognitoIdentityProviderClient({ endpoint: cloud.urls.cognito, region: 'us-east-1', credentials: { ...cloud.adminCredentials } });
  poolId = cloud.outputs[cloud.stackName]!.UserPoolId!;
});

afterAll(async () => {
  admin?.destroy();
  await browser?.close();
  await cloud?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A confirmed account with a permanent password, made by the administrator. */
async function account(name: string): Promise<string> {
  const email = `${name}-${Date.now()}@example.com`;
  await admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: email, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }] }));
  await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: email, Password: PASSWORD, Permanent: true }));
  return email;
}

/** A fresh browser (no shared storage) signed in as `email`, on the ride page. */
async function signedIn(email: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route(/tile\.openstreetmap\.org/, (route) => route.abort());
  await context.route(`${cloud.urls.website}/config.json`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), demoSpeed: 30 } });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${cloud.urls.website}/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Where should we pick you up?' }).waitFor();
  return { page, errors };
}

async function bookRide(page: Page, at: { x: number; y: number }): Promise<string> {
  await page.getByTestId('map').click({ position: at });
  await page.getByTestId('request').click();
  await page.getByTestId('ride-status').filter({ hasText: 'is on the way' }).waitFor({ timeout: 15_000 });
  const answer = JSON.parse((await page.getByTestId('inspector-response').textContent())!) as { RideId: string };
  await page.getByRole('button', { name: 'New ride' }).waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: 'New ride' }).click();
  return answer.RideId;
}

const listedIds = (page: Page) => page.locator('[data-testid="ride-list"] li').evaluateAll((items) => items.map((li) => li.getAttribute('data-ride-id')));

describe('who sees which rides, authMode=iam', () => {
  it('a rider sees their two rides, another rider none and a 403 on the dispatch page, a dispatcher all of them', async () => {
    const [riderEmail, otherEmail, dispatcherEmail] = [await account('rider'), await account('other'), await account('dispatcher')];

    const rider = await signedIn(riderEmail);
    const first = await bookRide(rider.page, { x: 420, y: 300 });
    const second = await bookRide(rider.page, { x: 520, y: 380 });
    // Not a dispatcher: no "All rides" link.
    await rider.page.getByRole('link', { name: 'My rides' }).click();
    await rider.page.getByRole('heading', { level: 1, name: 'My rides' }).waitFor();
    await rider.page.getByTestId('rides-status').filter({ hasText: '2 rides shown.' }).waitFor();
    expect(await listedIds(rider.page)).toEqual([second, first]);
    expect(await rider.page.getByRole('link', { name: 'All rides' }).count()).toBe(0);
    // The inspector shows this call too: a signed GET, answered 200.
    expect(await rider.page.getByTestId('inspector-status').textContent()).toBe('200');
    expect(await rider.page.locator('[data-testid="inspector-headers"] tr[data-header="authorization"] td').textContent()).toMatch(/^AWS4-HMAC-SHA256 /);
    await rider.page.screenshot({ path: join(RESULTS, 'my-rides-iam.png'), fullPage: true });

    const other = await signedIn(otherEmail);
    await other.page.goto(`${cloud.urls.website}/rides`);
    await other.page.getByTestId('rides-status').filter({ hasText: 'You have no rides yet.' }).waitFor();
    // Forcing the dispatch page: API Gateway's IAM refusal, in words.
    await other.page.goto(`${cloud.urls.website}/dispatch`);
    await other.page.getByTestId('rides-status').filter({ hasText: "Only dispatchers may see every rider's rides" }).waitFor();
    expect(await other.page.getByTestId('rides-status').textContent()).toMatch(/403: "User: arn:aws:sts::\d+:assumed-role\/.+ is not authorized to perform: execute-api:Invoke/);
    expect(await other.page.getByTestId('inspector-status').textContent()).toBe('403');
    await other.page.screenshot({ path: join(RESULTS, 'all-rides-refused-iam.png'), fullPage: true });

    await admin.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: dispatcherEmail, GroupName: 'dispatchers' }));
    const dispatcher = await signedIn(dispatcherEmail);
    await dispatcher.page.getByRole('link', { name: 'All rides' }).click();
    await dispatcher.page.getByRole('heading', { level: 1, name: 'All rides' }).waitFor();
    await dispatcher.page.getByTestId('ride-list').waitFor();
    const all = await listedIds(dispatcher.page);
    expect(all.slice(0, 2)).toEqual([second, first]);
    await dispatcher.page.screenshot({ path: join(RESULTS, 'all-rides-iam.png'), fullPage: true });

    expect([...rider.errors, ...other.errors, ...dispatcher.errors]).toEqual([]);
  });
});
