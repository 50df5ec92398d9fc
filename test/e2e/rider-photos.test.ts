/**
 * Two riders in a real Chromium against the local cloud (cognito mode): each uploads a profile
 * photo with Amplify Storage v6 straight to the local S3 with their own identity-pool credentials,
 * sees it back through a presigned URL, may look at the other's (protected/), and is refused by S3
 * when trying to replace it (the policy variable ${cognito-identity.amazonaws.com:sub}). Each also
 * saves a name and a favourite unicorn (UpdateUserAttributes with their own access token).
 * A screenshot of the second rider's profile page is saved in test-results/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { AdminCreateUserCommand, AdminGetUserCommand, AdminSetUserPasswordCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../local/cloud.js';
import { synthesizeCached } from '../../local/synth-cache.js';
import { SHARED_SYNTH_CACHE } from '../support/synth-cache-dir.js';
import { RESULTS, requireBuiltWebsite } from './support/built-website.js';
import { launchChromium } from './support/chromium.js';

const PASSWORD = 'Giddy-up-2026!';

/** A real PNG of one colour (so the <img> decodes), built by hand: signature, IHDR, IDAT, IEND. */
function png(r: number, g: number, b: number, size = 8): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => [r, g, b]).flat())]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(Array(size).fill(row)))), chunk('IEND', Buffer.alloc(0))]);
}

let browser: Browser;
let cloud: LocalCloud;
let dataDir: string;
let out: Record<string, string>;

beforeAll(async () => {
  requireBuiltWebsite();
  const { assemblyDir } = await synthesizeCached({ authMode: 'cognito', cacheDir: SHARED_SYNTH_CACHE });
  dataDir = mkdtempSync(join(tmpdir(), 'wr-e2e-photos-'));
  [browser, cloud] = await Promise.all([launchChromium(), startLocalCloud({ authMode: 'cognito', dataDir, assemblyDir })]);
  out = cloud.outputs[cloud.stackName]!;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await cloud?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A confirmed rider made by the local admin, then signed in through the website. */
async function signedInRider(email: string): Promise<{ page: Page; errors: string[] }> {
  const idp = new CognitoIdentityProviderClient({ endpoint: cloud.urls.cognito, region: out.Region!, credentials: { ...cloud.adminCredentials } });
  await idp.send(new AdminCreateUserCommand({ UserPoolId: out.UserPoolId!, Username: email, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }] }));
  await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: out.UserPoolId!, Username: email, Password: PASSWORD, Permanent: true }));
  idp.destroy();
  const context = await browser.newContext({ viewport: { width: 1100, height: 1300 } });
  await context.route(/tile\.openstreetmap\.org/, (route) => route.abort());
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${cloud.urls.website}/signin?next=%2Fprofile`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Your profile' }).waitFor();
  return { page, errors };
}

async function identityIdOn(page: Page): Promise<string> {
  await page.getByTestId('identity-id').filter({ hasText: /^[\w-]+:[0-9a-f-]{36}$/ }).waitFor();
  return (await page.getByTestId('identity-id').textContent())!;
}

async function upload(page: Page, name: string, bytes: Buffer, mimeType: string) {
  await page.getByLabel('Photo', { exact: true }).setInputFiles({ name, mimeType, buffer: bytes });
  await page.getByRole('button', { name: 'Upload photo' }).click();
}

/** Whether the <img> with this alt text has loaded a decoded image (its presigned URL answered 200 with a PNG). */
async function photoShown(page: Page, alt: string): Promise<boolean> {
  const img = page.getByRole('img', { name: alt, exact: true });
  await img.waitFor();
  return img.evaluate((el) => el instanceof HTMLImageElement && (el.complete ? el.naturalWidth > 0 : new Promise<boolean>((r) => el.addEventListener('load', () => r(el.naturalWidth > 0)))));
}

describe('rider photos in the browser (cognito mode)', () => {
  it('two riders each upload a photo; each sees what the policy allows, and no more', async () => {
    const ana = await signedInRider(`ana-${Date.now()}@example.com`);
    const ben = await signedInRider(`ben-${Date.now()}@example.com`);
    const anaId = await identityIdOn(ana.page);
    const benId = await identityIdOn(ben.page);
    expect(anaId).not.toBe(benId);

    // Checked before sending: a text file and a 6 MB image never reach S3.
    await upload(ana.page, 'notes.txt', Buffer.from('not an image'), 'text/plain');
    await ana.page.getByTestId('photo-status').filter({ hasText: 'Choose a JPEG, PNG, WebP or GIF image.' }).waitFor();
    await upload(ana.page, 'huge.png', Buffer.alloc(6 * 1024 * 1024), 'image/png');
    await ana.page.getByTestId('photo-status').filter({ hasText: 'the limit is 5 MB' }).waitFor();
    expect(await ana.page.getByTestId('s3-call').count()).toBe(0);

    // Each uploads their own photo, with Amplify Storage, to protected/<own identity id>/.
    await upload(ana.page, 'ana.png', png(200, 40, 160), 'image/png');
    await ana.page.getByTestId('photo-status').filter({ hasText: 'Photo saved' }).waitFor();
    await upload(ben.page, 'ben.png', png(30, 120, 220), 'image/png');
    await ben.page.getByTestId('photo-status').filter({ hasText: 'Photo saved' }).waitFor();
    expect(await photoShown(ana.page, 'Your profile photo')).toBe(true);
    expect(await photoShown(ben.page, 'Your profile photo')).toBe(true);

    // The inspector shows the signed PUT and its key under the rider's own identity id.
    const put = ana.page.getByTestId('s3-call').filter({ hasText: 'PUT' }).first();
    expect(await put.textContent()).toContain(`PUT protected/${anaId}/profile-photo`);
    expect(await put.textContent()).toMatch(/signed headers: .*host.*x-amz-date.*x-amz-security-token/);

    // Ben may look at Ana's protected photo, and may not replace it: S3 answers AccessDenied.
    await ben.page.getByLabel('Their identity id').fill(anaId);
    await ben.page.getByRole('button', { name: 'Show their photo' }).click();
    expect(await photoShown(ben.page, 'Their profile photo')).toBe(true);
    await ben.page.getByRole('button', { name: 'Try to replace it' }).click();
    await ben.page.getByTestId('policy-status').filter({ hasText: 'Refused by S3 (AccessDenied)' }).waitFor();
    expect(await ben.page.getByTestId('s3-call').filter({ hasText: `PUT protected/${anaId}/profile-photo` }).first().textContent()).toContain('→ 403');

    // What is on the local S3 is each rider's own photo, unchanged by Ben's attempt.
    const s3 = new S3Client({ endpoint: cloud.urls.s3, region: out.Region!, forcePathStyle: true, credentials: { ...cloud.adminCredentials } });
    const stored = await s3.send(new GetObjectCommand({ Bucket: out.RiderFilesBucket!, Key: `protected/${anaId}/profile-photo` }));
    expect(Buffer.from(await stored.Body!.transformToByteArray())).toEqual(png(200, 40, 160));
    expect(stored.ContentType).toBe('image/png');
    s3.destroy();

    // Profile attributes, written with the rider's own access token.
    await ben.page.getByLabel('Name').fill('Ben Rider');
    await ben.page.getByLabel('Favourite unicorn').fill('Rocinante');
    await ben.page.getByRole('button', { name: 'Save profile' }).click();
    await ben.page.getByTestId('profile-status').filter({ hasText: 'Profile saved.' }).waitFor();
    const idp = new CognitoIdentityProviderClient({ endpoint: cloud.urls.cognito, region: out.Region!, credentials: { ...cloud.adminCredentials } });
    const user = await idp.send(new AdminGetUserCommand({ UserPoolId: out.UserPoolId!, Username: (await ben.page.evaluate(() => Object.keys(localStorage).find((k) => k.endsWith('.LastAuthUser')) ?? '').then(async (k) => ben.page.evaluate((key) => localStorage.getItem(key), k)))! }));
    idp.destroy();
    expect(user.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'name', Value: 'Ben Rider' }, { Name: 'custom:favourite_unicorn', Value: 'Rocinante' }]));

    await ben.page.screenshot({ path: join(RESULTS, 'rider-photos-profile.png'), fullPage: true });
    // The ride page shows the rider's photo too.
    await ana.page.getByRole('link', { name: 'Ride', exact: true }).click();
    expect(await photoShown(ana.page, 'Your photo')).toBe(true);
    expect(ana.errors).toEqual([]);
    expect(ben.errors).toEqual([]);
  }, 120_000);
});
