import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { synthInputsHash } from '../../../local/synth-cache.js';

const roots: string[] = [];
afterEach(() => {
  for (const dir of roots.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project with the folders and files a synthesis reads. */
function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'wr-synth-hash-'));
  roots.push(root);
  for (const folder of ['bin', 'lib', 'lambda/ride']) mkdirSync(join(root, folder), { recursive: true });
  writeFileSync(join(root, 'bin/app.ts'), 'app');
  writeFileSync(join(root, 'lib/stack.ts'), 'stack');
  writeFileSync(join(root, 'lambda/ride/handler.ts'), 'handler');
  writeFileSync(join(root, 'cdk.json'), '{}');
  writeFileSync(join(root, 'package-lock.json'), '{}');
  return root;
}

describe('the synthesis cache key', () => {
  it('is the same for the same inputs, whatever the files’ timestamps', () => {
    const root = project();
    const before = synthInputsHash({ authMode: 'cognito', projectRoot: root });
    utimesSync(join(root, 'lib/stack.ts'), new Date(0), new Date(0));
    expect(synthInputsHash({ authMode: 'cognito', projectRoot: root })).toBe(before);
  });

  it.each([
    ['a construct', 'lib/stack.ts'],
    ['a function’s code', 'lambda/ride/handler.ts'],
    ['the app entry', 'bin/app.ts'],
    ['the CDK settings', 'cdk.json'],
    ['a dependency version', 'package-lock.json'],
  ])('changes when %s changes, so a changed input is never served stale', (_what, file) => {
    const root = project();
    const before = synthInputsHash({ authMode: 'cognito', projectRoot: root });
    writeFileSync(join(root, file), 'changed');
    expect(synthInputsHash({ authMode: 'cognito', projectRoot: root })).not.toBe(before);
  });

  it('changes with a new file, the auth mode and the context flags', () => {
    const root = project();
    const base = synthInputsHash({ authMode: 'cognito', projectRoot: root });
    expect(synthInputsHash({ authMode: 'iam', projectRoot: root })).not.toBe(base);
    expect(synthInputsHash({ authMode: 'cognito', context: { retainData: 'true' }, projectRoot: root })).not.toBe(base);
    writeFileSync(join(root, 'lib/new-construct.ts'), '');
    expect(synthInputsHash({ authMode: 'cognito', projectRoot: root })).not.toBe(base);
  });
});
