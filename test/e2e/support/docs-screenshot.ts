import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * The lab guide's pictures (docs/workshop/img/) come from the browser
 * journeys, so they show what the tested app really shows. They are taken
 * only when WILD_RYDES_DOCS_SCREENSHOTS=1 (`npm run docs:screenshots`), never
 * in a plain `npm test`.
 */
export const DOCS_SCREENSHOTS = process.env.WILD_RYDES_DOCS_SCREENSHOTS === '1';
const DOCS_IMG = resolve(import.meta.dirname, '../../../docs/workshop/img');

export async function docsScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (!DOCS_SCREENSHOTS) return;
  mkdirSync(DOCS_IMG, { recursive: true });
  await page.screenshot({ path: join(DOCS_IMG, `${name}.png`), scale: 'css', ...options });
}
