import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const lib = fileURLToPath(new URL('../../../lib/', import.meta.url));

/** Every module lib/auth-mode.ts reaches through relative imports, and every package it imports. */
function importsOf(file: string, seen = new Set<string>()): { files: Set<string>; packages: Set<string> } {
  const packages = new Set<string>();
  seen.add(file);
  for (const [, spec] of readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm)) {
    if (!spec!.startsWith('.')) {
      packages.add(spec!);
      continue;
    }
    const target = resolve(dirname(file), spec!.replace(/\.js$/, '.ts'));
    if (seen.has(target)) continue;
    importsOf(target, seen).packages.forEach((p) => packages.add(p));
  }
  return { files: seen, packages };
}

describe('lib/auth-mode.ts: the one list of modes', () => {
  it('imports no CDK, so the website and the local cloud can read it', () => {
    const { files, packages } = importsOf(join(lib, 'auth-mode.ts'));
    expect(files.size).toBeGreaterThan(1); // it reaches config-error.ts: the walk works
    expect([...packages]).toEqual([]);
  });
});
