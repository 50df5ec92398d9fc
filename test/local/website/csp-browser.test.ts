/**
 * The template's Content-Security-Policy, enforced by a real Chromium on the local
 * website: the built app loads without a single violation and may call this
 * cloud's API and Cognito, while any other origin is blocked, as the deployed
 * policy blocks it. (The full rider journey under the same policy is the e2e suite.)
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../e2e/support/chromium.js';
import { removeAssemblies, startTestCloud, synthFor, type TestCloud } from '../support/cloud.js';

let t: TestCloud;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(resolve(import.meta.dirname, '../../../website/dist/index.html'))) {
    throw new Error('The website is not built: run `npm run build:website` first (npm test does it).');
  }
  t = await startTestCloud('cognito', await synthFor('cognito'));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  removeAssemblies();
});

describe('the CSP in a browser', () => {
  it('lets the app load and reach the local API and Cognito, and blocks any other origin', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      // Map tiles come from the internet, which this machine does not have.
      await context.route(/tile\.openstreetmap\.org/, (route) => route.abort());
      await page.addInitScript(() => {
        const seen: string[] = [];
        (globalThis as unknown as { cspViolations: string[] }).cspViolations = seen;
        document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
      });
      const response = await page.goto(`${t.cloud.urls.website}/ride`);
      expect(response!.headers()['content-security-policy']).toContain('connect-src');
      await page.getByText('Please sign in to request a unicorn.').waitFor();
      const violations = () => page.evaluate(() => [...(globalThis as unknown as { cspViolations: string[] }).cspViolations]);
      expect(await violations()).toEqual([]);

      const api = new URL(t.cloud.urls.api).origin;
      const outcomes = await page.evaluate(
        async ({ jwks, ride, elsewhere }) => {
          const attempt = (url: string, init?: RequestInit) =>
            fetch(url, init).then(
              (r) => r.status,
              () => 'blocked',
            );
          return { jwks: await attempt(jwks), ride: await attempt(ride, { method: 'POST', body: '{}' }), elsewhere: await attempt(elsewhere) };
        },
        { jwks: `${t.cloud.urls.cognito}/${t.out.UserPoolId}/.well-known/jwks.json`, ride: `${t.cloud.urls.api}ride`, elsewhere: 'http://127.0.0.1:9/steal' },
      );
      // The API refuses an unsigned-in ride (401, with CORS headers from the template); Cognito answers its keys.
      expect(outcomes).toEqual({ jwks: 200, ride: 401, elsewhere: 'blocked' });
      await expect.poll(violations).toEqual(['connect-src http://127.0.0.1:9/steal']);
      expect((await violations()).some((v) => v.includes(api) || v.includes(t.cloud.urls.cognito))).toBe(false);
    } finally {
      await context.close();
    }
  });
});
