import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SHIM = join(import.meta.dirname, '../../../local/synth-bin/npx');
const ESBUILD = join(dirname(createRequire(import.meta.url).resolve('esbuild/package.json')), 'bin', 'esbuild');
const esbuildVersion = (createRequire(import.meta.url)('esbuild/package.json') as { version: string }).version;

const run = (args: string[], env: Record<string, string>) =>
  execFileSync(SHIM, args, { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' }).trim();

describe('local/synth-bin/npx (the synthesis-time npx)', () => {
  it("runs `--no-install esbuild` as the project's esbuild, with the arguments after it", () => {
    expect(run(['--no-install', 'esbuild', '--version'], { WILD_RYDES_ESBUILD: ESBUILD, WILD_RYDES_NPX_PATH: '/nonexistent' })).toBe(esbuildVersion);
  });

  it('hands everything else to the real npx, on the PATH it was started with', () => {
    const realNpx = execFileSync('npx', ['--version'], { encoding: 'utf8' }).trim();
    expect(run(['--version'], { WILD_RYDES_ESBUILD: ESBUILD, WILD_RYDES_NPX_PATH: process.env.PATH ?? '' })).toBe(realNpx);
    // Without the esbuild path set, even the esbuild call goes to the real npx.
    expect(run(['--no-install', 'esbuild', '--version'], { WILD_RYDES_NPX_PATH: process.env.PATH ?? '' })).toBe(esbuildVersion);
  });
});
