import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { websiteBuildReason } from '../../../local/website-build.js';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function website(files: Record<string, number>): string {
  root = mkdtempSync(join(tmpdir(), 'website-build-'));
  for (const [path, seconds] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, path);
    utimesSync(full, seconds, seconds);
  }
  return root;
}

describe('websiteBuildReason (does npm start need to build the website?)', () => {
  it('builds a website that was never built', () => {
    expect(websiteBuildReason(website({ 'src/main.tsx': 100 }))).toBe('not built yet');
  });

  it('builds again when a source, however deep, is newer than the build', () => {
    expect(websiteBuildReason(website({ 'src/pages/deep/Page.tsx': 300, 'dist/index.html': 200 }))).toBe(
      'its sources changed since the last build',
    );
    expect(websiteBuildReason(website({ 'vite.config.ts': 300, 'dist/index.html': 200 }))).toMatch(/changed/);
  });

  it('leaves an up-to-date build alone', () => {
    expect(websiteBuildReason(website({ 'src/main.tsx': 100, 'index.html': 100, 'dist/index.html': 200 }))).toBeNull();
  });
});
