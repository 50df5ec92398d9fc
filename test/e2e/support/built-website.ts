import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where the browser tests leave their screenshots. */
export const RESULTS = resolve(import.meta.dirname, '../../../test-results');

/** The browser tests serve website/dist: fail with what to run when it is not built, and make room for screenshots. */
export function requireBuiltWebsite(): void {
  if (!existsSync(resolve(import.meta.dirname, '../../../website/dist/index.html'))) {
    throw new Error('The website is not built: run `npm run build:website` first (npm test does it).');
  }
  mkdirSync(RESULTS, { recursive: true });
}
