import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Every optional member of an exported `...Props`/`...Options` interface, and whether its JSDoc says `@default`. */
function optionalProps(file: string): { name: string; hasDefault: boolean }[] {
  const text = readFileSync(file, 'utf8');
  const found: { name: string; hasDefault: boolean }[] = [];
  for (const match of text.matchAll(/export interface (\w+(?:Props|Options))\b[^{]*\{([\s\S]*?)\n\}/g)) {
    const [, iface, body] = match;
    // Each member with the doc comment right above it (if any).
    for (const member of body!.matchAll(/(\/\*\*(?:(?!\*\/)[\s\S])*\*\/\s*)?(?:readonly\s+)?(\w+)\?:/g)) {
      found.push({ name: `${relative(root, file)}: ${iface}.${member[2]}`, hasDefault: /@default\b/.test(member[1] ?? '') });
    }
  }
  return found;
}

describe('construct props (lib/, CDK convention)', () => {
  const props = [...sourceFiles(join(root, 'lib')), ...sourceFiles(join(root, 'bin'))].flatMap(optionalProps);

  it('finds the optional props it checks', () => {
    expect(props.length).toBeGreaterThan(0);
  });

  it('documents what every optional prop defaults to (@default)', () => {
    expect(props.filter((p) => !p.hasDefault).map((p) => p.name)).toEqual([]);
  });
});
