import { describe, expect, it } from 'vitest';
import { safeNextPath } from './router';

describe('safeNextPath', () => {
  it('accepts same-site paths', () => {
    expect(safeNextPath('/ride')).toBe('/ride');
    expect(safeNextPath('/ride?x=1')).toBe('/ride?x=1');
  });
  it.each([null, '', 'ride', '//evil.example/', 'https://evil.example/', '/\\evil.example'])('refuses %j', (next) => {
    expect(safeNextPath(next)).toBe('/ride');
  });
});
