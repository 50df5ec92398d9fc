import { describe, expect, it } from 'vitest';
import { AUTH_MODES } from '../../lib/auth-mode.js';
import { AUTH_MODE_WIRING } from '../../lib/auth-modes/index.js';

describe('lib/auth-modes: one wiring per auth mode', () => {
  it('lists exactly the modes of lib/auth-mode.ts', () => {
    expect(Object.keys(AUTH_MODE_WIRING).sort()).toEqual([...AUTH_MODES].sort());
  });

  it.each(AUTH_MODES)('%s: every cdk-nag acknowledgement names an AwsSolutions rule and says why', (mode) => {
    for (const { id, reason } of AUTH_MODE_WIRING[mode].acknowledgements) {
      expect(id).toMatch(/^AwsSolutions-[A-Z]+\d+$/);
      expect(reason.length).toBeGreaterThan(40);
    }
  });
});
