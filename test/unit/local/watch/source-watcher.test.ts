import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchSources, type ChangeBatch } from '../../../../local/watch/source-watcher.js';

/** The real fs.watch (one watcher per folder) on a temporary project: which change calls for which reload. */
let root: string;
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  rmSync(root, { recursive: true, force: true });
});

function project(): string {
  root = mkdtempSync(join(tmpdir(), 'wr-watch-'));
  for (const dir of ['bin', 'lib', 'lambda/ride', 'website/src/pages', 'website/dist']) mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, 'cdk.json'), '{}');
  return root;
}

async function batchesAfter(change: () => void, ms = 700): Promise<ChangeBatch[]> {
  const batches: ChangeBatch[] = [];
  const watcher = watchSources(root, (b) => batches.push(b), { debounceMs: 150 });
  stop = () => watcher.close();
  await new Promise((r) => setTimeout(r, 100));
  change();
  await new Promise((r) => setTimeout(r, ms));
  return batches;
}

describe('watchSources', () => {
  it('reports a function, a construct, the app entry and cdk.json as app changes, several saves as one batch', async () => {
    project();
    const batches = await batchesAfter(() => {
      writeFileSync(join(root, 'lambda/ride/handler.ts'), 'a');
      writeFileSync(join(root, 'lambda/ride/handler.ts'), 'b');
      writeFileSync(join(root, 'lib/rides.ts'), 'x');
      writeFileSync(join(root, 'bin/app.ts'), 'x');
      writeFileSync(join(root, 'cdk.json'), '{"context":{}}');
    });
    expect(batches).toHaveLength(1);
    expect(batches[0]!.kind).toBe('app');
    expect(batches[0]!.files).toEqual(expect.arrayContaining(['lambda/ride/handler.ts', 'lib/rides.ts', 'bin/app.ts', 'cdk.json']));
  });

  it('reports a website source as a website change, and ignores the build output and editor swap files', async () => {
    project();
    const batches = await batchesAfter(() => {
      writeFileSync(join(root, 'website/src/pages/RidePage.tsx'), 'x');
      writeFileSync(join(root, 'website/dist/index.html'), 'x');
      writeFileSync(join(root, 'lib/.rides.ts.swp'), 'x');
    });
    expect(batches).toEqual([{ kind: 'website', files: ['website/src/pages/RidePage.tsx'] }]);
  });

  it('keeps seeing a file after it was replaced (git checkout, editors that rename over it), and sees a new folder', async () => {
    project();
    writeFileSync(join(root, 'lambda/ride/fleet.ts'), 'a');
    const batches: ChangeBatch[] = [];
    const watcher = watchSources(root, (b) => batches.push(b), { debounceMs: 100 });
    stop = () => watcher.close();
    const settle = () => new Promise((r) => setTimeout(r, 400));
    await settle();
    for (const content of ['b', 'c']) {
      // Replaced by a rename: a new inode each time, as git checkout writes it.
      writeFileSync(join(root, 'lambda/ride/fleet.ts.new'), content);
      renameSync(join(root, 'lambda/ride/fleet.ts.new'), join(root, 'lambda/ride/fleet.ts'));
      await settle();
    }
    // An in-place edit after the replacements is still seen.
    writeFileSync(join(root, 'lambda/ride/fleet.ts'), 'd');
    await settle();
    mkdirSync(join(root, 'lambda/photos'));
    await settle();
    writeFileSync(join(root, 'lambda/photos/handler.ts'), 'x');
    await settle();
    expect(batches.every((b) => b.kind === 'app')).toBe(true);
    expect(batches.length).toBeGreaterThanOrEqual(4);
    expect(batches.at(-1)!.files).toContain('lambda/photos/handler.ts');
    expect(batches.filter((b) => b.files.includes('lambda/ride/fleet.ts')).length).toBeGreaterThanOrEqual(3);
  });
});
