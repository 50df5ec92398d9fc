/**
 * A rider's whole journey in a real Chromium against the local cloud, once per auth
 * mode: the signed-out redirect, registration with the emailed code (a wrong code
 * first), sign-in (a wrong password first), a ride requested on the map, the unicorn's
 * arrival, the request inspector's headers for the mode, the ride in DynamoDB, and a
 * request after the session was revoked. A screenshot of the ride page per mode is
 * saved in test-results/.
 *
 * In cognito mode the journey is also the accessibility audit: it is driven by the
 * keyboard alone (Tab to each control, Enter), checks where focus lands after every
 * step, and runs axe-core (WCAG 2.1 A/AA) on every page and state on the way. Every
 * mode reloads during the ride and opens a second tab: the ride must survive both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminAddUserToGroupCommand, CognitoIdentityProviderClient, GlobalSignOutCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type AuthMode, type LocalCloud } from '../../local/cloud.js';
import { expectFocusOn, expectNoAxeViolations, tabTo } from './support/a11y.js';
import { SHARED_SYNTH_CACHE } from '../support/synth-cache-dir.js';
import { RESULTS, requireBuiltWebsite } from './support/built-website.js';
import { launchChromium } from './support/chromium.js';
import { countMessages, waitForCode } from './support/mailbox.js';
import { docsScreenshot } from './support/docs-screenshot.js';

const PASSWORD = 'Giddy-up-2026!';
/** The unicorn's 30 s ETA shown at 10x, so each ride arrives in about 3 s. */
const DEMO_SPEED = 10;

let browser: Browser;

beforeAll(async () => {
  requireBuiltWebsite();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** A browser context that is offline for map tiles and sees the demo speed in config.json. */
async function riderContext(cloud: LocalCloud): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Map tiles come from the internet, which these machines do not have: fail them at
  // once, which is also the "works offline" case the map must survive.
  await context.route(/tile\.openstreetmap\.org/, (route) => route.abort());
  await context.route(`${cloud.urls.website}/config.json`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), demoSpeed: DEMO_SPEED } });
  });
  // Layout shifts of each page load, added up as Cumulative Layout Shift counts them
  // (shifts right after input excluded).
  await context.addInitScript(() => {
    const w = window as unknown as { __layoutShift: number };
    w.__layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
        if (!entry.hadRecentInput) w.__layoutShift += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

async function rideInTable(cloud: LocalCloud, rideId: string): Promise<Record<string, unknown> | undefined> {
  const client = new DynamoDBClient({
    endpoint: cloud.urls.dynamodb,
    region: 'us-east-1',
    // DynamoDB checks every signature: read as the local administrator.
    credentials: { ...cloud.adminCredentials },
  });
  try {
    const { TableNames = [] } = await client.send(new ListTablesCommand({}));
    const documents = DynamoDBDocumentClient.from(client);
    for (const TableName of TableNames) {
      const { Item } = await documents.send(new GetCommand({ TableName, Key: { RideId: rideId } })).catch(() => ({ Item: undefined }));
      if (Item) return Item;
    }
    return undefined;
  } finally {
    client.destroy();
  }
}

const header = (page: Page, name: string) => page.locator(`[data-testid="inspector-headers"] tr[data-header="${name}"] td`);

describe.each<AuthMode>(['cognito', 'iam', 'none', 'lambda'])('the rider`s journey, authMode=%s', (authMode) => {
  let cloud: LocalCloud;
  let dataDir: string;
  const email = `rider-${authMode}-${Date.now()}@example.com`;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `wild-rydes-e2e-${authMode}-`));
    cloud = await startLocalCloud({ authMode, dataDir, synthDir: SHARED_SYNTH_CACHE, ports: { api: 0, cognito: 0, dynamodb: 0, website: 0 } });
  });

  afterAll(async () => {
    await cloud?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('registers, verifies, signs in, rides, and is sent back to sign-in once the session is revoked', async () => {
    const { context, page, errors } = await riderContext(cloud);
    const keyboard = authMode === 'cognito';
    /** Presses a control: Tab to it and Enter in the keyboard journey, a click otherwise. */
    const press = async (target: Locator) => {
      if (!keyboard) return target.click();
      await tabTo(page, target);
      await page.keyboard.press('Enter');
    };
    /** Types into a field: reached with Tab in the keyboard journey. */
    const enter = async (target: Locator, value: string) => {
      if (!keyboard) return target.fill(value);
      await tabTo(page, target);
      await page.keyboard.press('Control+A');
      await page.keyboard.type(value);
    };
    const focusOn = async (target: Locator, step: string) => (keyboard ? expectFocusOn(page, target, step) : undefined);
    const axe = async (state: string) => (keyboard ? expectNoAxeViolations(page, state) : undefined);
    const h1 = (name: string) => page.getByRole('heading', { level: 1, name });
    const alert = page.getByRole('alert').filter({ hasText: /\S/ });
    try {
      if (keyboard) {
        await page.goto(cloud.urls.website);
        await h1('Unicorns on demand.').waitFor();
        await axe('landing');
        await docsScreenshot(page, 'landing');
      }
      // Signed out, the ride page sends the rider to sign in.
      await page.goto(`${cloud.urls.website}/ride`);
      await page.getByText('Please sign in to request a unicorn.').waitFor();
      expect(new URL(page.url()).pathname).toBe('/signin');
      await axe('sign-in, sent from the ride page');

      // Register: in the keyboard journey a malformed email and a weak password first,
      // refused before sending, with focus on the first refused field.
      await press(page.getByRole('link', { name: 'Sign up' }).first());
      await focusOn(h1('Sign up to ride'), 'following the sign-up link');
      if (keyboard) {
        await enter(page.getByLabel('Email'), 'rider.example.com');
        await enter(page.getByLabel('Password', { exact: true }), 'short');
        await press(page.getByRole('button', { name: 'Create account' }));
        await page.getByText('Enter an email address like name@example.com.').waitFor();
        await focusOn(page.getByLabel('Email'), 'a refused email');
        await axe('sign-up with errors');
        await docsScreenshot(page, 'sign-up-refused');
      }
      await enter(page.getByLabel('Email'), email);
      await enter(page.getByLabel('Password', { exact: true }), PASSWORD);
      await press(page.getByRole('button', { name: 'Create account' }));
      await page.getByRole('heading', { name: 'Verify your email' }).waitFor();
      await focusOn(h1('Verify your email'), 'creating the account');
      await axe('verify');
      if (keyboard) await docsScreenshot(page, 'verify-email');
      const { code, count } = await waitForCode(cloud.urls.mailbox, email);

      // A wrong code first, then the right one, pasted with a space inside as mail apps group it.
      const wrong = code === '000000' ? '111111' : '000000';
      await enter(page.getByLabel('Verification code'), wrong);
      await press(page.getByRole('button', { name: 'Verify', exact: true }));
      await page.getByText(/That code is not right/).waitFor();
      await focusOn(alert, 'a wrong code');
      await axe('verify with a wrong code');
      if (keyboard) await page.keyboard.press('Shift+Tab'); // back towards the code field
      await enter(page.getByLabel('Verification code'), `${code.slice(0, 3)} ${code.slice(3)}`);
      await press(page.getByRole('button', { name: 'Verify', exact: true }));
      await page.getByText('Your email is verified. Sign in to ride.').waitFor();
      await focusOn(h1('Sign in'), 'verifying');
      if (keyboard) await docsScreenshot(page, 'sign-in-verified');
      expect(await countMessages(cloud.urls.mailbox, email)).toBe(count);

      // A wrong password first, then the right one.
      await enter(page.getByLabel('Password', { exact: true }), 'Not-the-password-1!');
      await press(page.getByRole('button', { name: 'Sign in', exact: true }));
      await page.getByText('Incorrect email or password.').waitFor();
      expect(await page.getByText('Your email is verified. Sign in to ride.').count()).toBe(0);
      await focusOn(alert, 'a wrong password');
      await axe('sign-in with an error');
      if (keyboard) await page.keyboard.press('Shift+Tab');
      await enter(page.getByLabel('Password', { exact: true }), PASSWORD);
      await press(page.getByRole('button', { name: 'Sign in', exact: true }));
      await page.getByRole('heading', { name: 'Where should we pick you up?' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/ride');
      await focusOn(h1('Where should we pick you up?'), 'signing in');

      // Offline tiles: the map says so, and still takes a click (or Enter) for the pin.
      await page.getByTestId('tiles-note').waitFor();
      const request = page.getByTestId('request');
      expect(await request.isDisabled()).toBe(true);
      await axe('ride before a pin');
      if (keyboard) {
        // Offline, the map still shows where on Earth it is: zoomed out (minus, Leaflet's
        // own key), the Natural Earth coastlines and borders are drawn under the missing tiles.
        await tabTo(page, page.getByTestId('map'));
        for (let i = 0; i < 10; i++) {
          await page.keyboard.press('Minus');
          await page.waitForTimeout(250);
        }
        await expect.poll(() => page.locator('.leaflet-basemap-pane path').count(), { timeout: 10_000 }).toBeGreaterThan(1);
        await page.waitForTimeout(400);
        await page.screenshot({ path: join(RESULTS, 'map-offline-basemap.png') });
        await page.keyboard.press('Enter');
      } else {
        await page.getByTestId('map').click({ position: { x: 420, y: 300 } });
      }
      await expect.poll(() => page.getByTestId('pin').textContent()).toMatch(/^Pickup: 47\.\d+, -122\.\d+$/);
      const pinText = await page.getByTestId('pin').textContent();
      expect(await page.locator('.leaflet-marker-icon[alt="Pickup location"]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

      // Request: a unicorn is named, travels, and arrives.
      await press(request);
      const status = page.getByTestId('ride-status');
      await status.filter({ hasText: 'is on the way' }).waitFor({ timeout: 15_000 });
      await focusOn(page.getByRole('status').filter({ has: status }), 'requesting');
      const name = (await status.locator('strong').textContent())!;
      expect(['Bucephalus', 'Shadowfax', 'Rocinante']).toContain(name);
      await axe('ride en route');
      // A second tab opened during the ride, and reloaded, finds it: the same unicorn at
      // the same pin (this tab keeps its request for the inspector below).
      const second = await context.newPage();
      for (const load of [() => second.goto(`${cloud.urls.website}/ride`), () => second.reload()]) {
        await load();
        await second.getByTestId('ride-status').filter({ hasText: name }).waitFor({ timeout: 15_000 });
        expect(await second.getByTestId('pin').textContent()).toBe(pinText);
      }
      // The ride page, loaded with a ride on its way, hardly moves as it fills in (CLS < 0.05).
      await second.waitForTimeout(500);
      const shift = await second.evaluate(() => (window as unknown as { __layoutShift: number }).__layoutShift);
      expect(shift).toBeLessThan(0.05);
      await second.close();
      await page.locator('.unicorn-marker').waitFor();
      expect(await page.locator('.unicorn-marker img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      await page.getByText(`${name} has arrived. Giddy up!`).waitFor({ timeout: 10_000 });
      await axe('ride arrived');

      // The inspector shows what went on the wire for this mode.
      expect(await page.getByTestId('inspector-mode').textContent()).toBe(authMode);
      expect(await page.getByTestId('inspector-status').textContent()).toBe('201');
      if (authMode === 'cognito' || authMode === 'lambda') {
        expect(await header(page, 'authorization').textContent()).toMatch(/^eyJ.+….+ \(\d+ chars\)/);
        expect(await header(page, 'x-amz-date').count()).toBe(0);
      } else if (authMode === 'iam') {
        expect(await header(page, 'authorization').textContent()).toMatch(/^AWS4-HMAC-SHA256 Credential=[A-Z0-9]+\/\d{8}\/us-east-1\/execute-api\/aws4_request/);
        expect(await header(page, 'x-amz-date').textContent()).toMatch(/^\d{8}T\d{6}Z/);
        expect(await header(page, 'x-amz-security-token').count()).toBe(1);
      } else {
        await page.getByTestId('inspector-no-auth').waitFor();
        expect(await header(page, 'authorization').count()).toBe(0);
      }
      // The Why? panel: the checks this request passed, asked of the local cloud by its x-amzn-RequestId.
      await page.getByTestId('why-success').waitFor();
      const passed = { none: 'authorization NONE', cognito: 'ID token verified', iam: 'signature verified over signed headers', lambda: 'the Lambda authorizer WildRydesToken answered principal' }[authMode];
      expect(await page.getByTestId('why-checks').textContent()).toContain(passed);
      await press(page.getByRole('button', { name: 'Show ID-token claims' }));
      expect(JSON.parse((await page.getByTestId('inspector-claims').textContent())!)).toMatchObject({ email, token_use: 'id' });
      await axe('ride with the inspector open');
      await docsScreenshot(page, `ride-${authMode}`, { fullPage: true });

      await page.screenshot({ path: join(RESULTS, `ride-${authMode}.png`), fullPage: true });
      // The same page on a 375×667 phone: nothing overflows sideways, the header is one
      // row, the ride's controls are on screen with the map, and the pin is not under the note.
      await page.setViewportSize({ width: 375, height: 667 });
      await page.evaluate(() => window.scrollTo(0, 0));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await page.screenshot({ path: join(RESULTS, `ride-${authMode}-phone.png`) });
      expect((await page.locator('.site-header').boundingBox())!.height).toBeLessThan(64);
      const controls = (await page.getByRole('button', { name: 'New ride' }).boundingBox())!;
      expect(controls.y + controls.height).toBeLessThanOrEqual(667);
      // (The keyboard journey's pin is at the map's centre, where a rider's usually is.)
      const note = (await page.getByTestId('tiles-note').boundingBox())!;
      const pinBox = (await page.locator('.leaflet-marker-icon[alt="Pickup location"]').boundingBox())!;
      const overlaps = pinBox.x < note.x + note.width && note.x < pinBox.x + pinBox.width && pinBox.y < note.y + note.height && note.y < pinBox.y + pinBox.height;
      if (keyboard) expect(overlaps).toBe(false);
      await page.setViewportSize({ width: 1280, height: 900 });

      // The ride is in the table, for this unicorn.
      const answer = JSON.parse((await page.getByTestId('inspector-response').textContent())!) as { RideId: string };
      const item = await rideInTable(cloud, answer.RideId);
      expect(item).toBeDefined();
      expect(JSON.stringify(item)).toContain(name);

      if (authMode === 'lambda') {
        // The inspector shows what the Lambda authorizer handed the function: the rider's sub and context.
        const claims = JSON.parse((await page.getByTestId('inspector-claims').textContent())!) as Record<string, string>;
        expect(await page.getByTestId('inspector-principal').textContent()).toBe(claims.sub);
        expect(await page.getByTestId('inspector-authorizer').textContent()).toContain(email);
        // An operator suspends the rider; signed in again, the rider's new ID token carries the group
        // and the authorizer's Deny reaches the rider as a readable 403.
        const admin = new CognitoIdentityProviderClient({ endpoint: cloud.urls.cognito, region: 'us-east-1', credentials: { ...cloud.adminCredentials } });
        await admin.send(new AdminAddUserToGroupCommand({ UserPoolId: cloud.outputs[cloud.stackName]!.UserPoolId!, Username: claims['cognito:username']!, GroupName: 'suspended' }));
        admin.destroy();
        await page.getByRole('button', { name: 'Sign out' }).click();
        // Signing out is asynchronous: until the header offers "Sign in" again, /signin would still
        // see the old session and send the rider on to the ride page.
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).waitFor();
        await page.goto(`${cloud.urls.website}/signin`);
        await page.getByLabel('Email').fill(email);
        await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await page.getByRole('heading', { name: 'Where should we pick you up?' }).waitFor();
        await page.getByTestId('map').click({ position: { x: 500, y: 350 } });
        await page.getByTestId('request').click();
        await page.getByText(/Your account is suspended, so you cannot book rides right now/).first().waitFor();
        expect(await page.getByTestId('inspector-status').textContent()).toBe('403');
        await docsScreenshot(page, 'ride-lambda-suspended');
        expect(errors).toEqual([]);
        return;
      }

      // Revoke every session of this rider (as "sign out everywhere" would), then come
      // back two hours later: the ID token has expired and cannot be refreshed.
      const accessToken = await page.evaluate(() => {
        const key = Object.keys(localStorage).find((k) => k.startsWith('CognitoIdentityServiceProvider.') && k.endsWith('.accessToken'));
        return key ? localStorage.getItem(key) : null;
      });
      expect(accessToken).toBeTruthy();
      const idp = new CognitoIdentityProviderClient({ endpoint: cloud.urls.cognito, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
      await idp.send(new GlobalSignOutCommand({ AccessToken: accessToken! }));
      idp.destroy();
      await page.clock.install();
      await page.clock.fastForward('02:00:00');
      await page.getByRole('button', { name: 'New ride' }).click();
      await page.getByTestId('map').click({ position: { x: 500, y: 350 } });
      await page.getByTestId('request').click();
      await page.getByText('Your session has ended. Please sign in again.').first().waitFor();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/signin');
      if (keyboard) {
        await page.clock.resume();
        await press(page.getByRole('link', { name: 'Forgot your password?' }).first());
        await h1('Reset your password').waitFor();
        await focusOn(h1('Reset your password'), 'following the forgot-password link');
        await axe('forgot password');
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
