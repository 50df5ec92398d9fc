import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { synthesizeCached } from '../../local/synth-cache.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'wr-synth-cache-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('synthesizeCached', () => {
  it('synthesizes once when several callers ask at the same time, and hands every one the same whole assembly', async () => {
    const [a, b] = await Promise.all([synthesizeCached({ authMode: 'none', cacheDir }), synthesizeCached({ authMode: 'none', cacheDir })]);
    expect(a.assemblyDir).toBe(b.assemblyDir);
    expect([a.fromCache, b.fromCache].sort()).toEqual([false, true]);
    expect(existsSync(join(a.assemblyDir, `${a.stackName}.template.json`))).toBe(true);
    // Nothing half-written or locked is left beside it.
    expect(readdirSync(cacheDir)).toEqual([a.assemblyDir.split('/').at(-1)]);
    const again = await synthesizeCached({ authMode: 'none', cacheDir });
    expect(again).toMatchObject({ assemblyDir: a.assemblyDir, fromCache: true });
  });
});
