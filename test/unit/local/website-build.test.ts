import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordWebsiteBuild, websiteBuildReason } from '../../../local/website-build.js';

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

describe('a build recorded by npm start: content hash, never timestamps', () => {
  /** project/website with a recorded build, project/lib/auth-mode.ts and project/package-lock.json beside it. */
  function recorded(): { site: string; project: string } {
    const project = website({ 'website/src/main.tsx': 100, 'website/index.html': 100, 'website/dist/index.html': 50, 'lib/auth-mode.ts': 100, 'package-lock.json': 100 });
    const site = join(project, 'website');
    recordWebsiteBuild(site);
    return { site, project };
  }

  it('is up to date while no byte changed, even with newer timestamps than the build', () => {
    const { site } = recorded();
    utimesSync(join(site, 'src/main.tsx'), 999, 999);
    expect(websiteBuildReason(site)).toBeNull();
  });

  it('builds again when a source, the shared auth-mode module or the lock file changed, whatever the timestamps say', () => {
    for (const changed of ['website/src/main.tsx', 'website/src/new/Page.tsx', 'lib/auth-mode.ts', 'package-lock.json']) {
      const { site, project } = recorded();
      mkdirSync(join(project, changed, '..'), { recursive: true });
      writeFileSync(join(project, changed), 'changed');
      // Older than the build: a timestamp comparison would miss it.
      utimesSync(join(project, changed), 10, 10);
      expect(websiteBuildReason(site), changed).toBe('its sources changed since the last build');
      rmSync(project, { recursive: true, force: true });
    }
  });
});
