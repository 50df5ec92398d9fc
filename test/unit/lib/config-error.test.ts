import { describe, expect, it } from 'vitest';
import { InvalidContextError, readAppConfig } from '../../../lib/app-config.js';
import { InvalidAuthModeError, parseAuthMode } from '../../../lib/auth-mode.js';
import { ConfigError, reportConfigErrors } from '../../../lib/config-error.js';

/** What `bin/wild-rydes.ts` would print and whether it would exit. */
function run(fn: () => void) {
  const printed: string[] = [];
  let exitCode: number | undefined;
  let thrown: unknown;
  try {
    reportConfigErrors(fn, { print: (text) => printed.push(text), exit: (code) => void (exitCode = code) });
  } catch (error) {
    thrown = error;
  }
  return { printed, exitCode, thrown };
}

describe('ConfigError: the CDK app errors a user fixes with a -c flag', () => {
  it('is the base of every context error, each keeping its own name', () => {
    const authMode = (() => { try { parseAuthMode('oauth'); } catch (e) { return e; } })();
    const origins = (() => { try { readAppConfig((k) => (k === 'allowedOrigins' ? 'nope' : undefined)); } catch (e) { return e; } })();
    expect(authMode).toBeInstanceOf(InvalidAuthModeError);
    expect(authMode).toBeInstanceOf(ConfigError);
    expect((authMode as Error).name).toBe('InvalidAuthModeError');
    expect(origins).toBeInstanceOf(InvalidContextError);
    expect(origins).toBeInstanceOf(ConfigError);
    expect((origins as Error).name).toBe('InvalidContextError');
  });

  it('is printed plainly (message only, no stack) and exits 1', () => {
    const result = run(() => parseAuthMode('oauth'));
    expect(result.thrown).toBeUndefined();
    expect(result.exitCode).toBe(1);
    expect(result.printed).toEqual(['\nUnknown authMode "oauth". Valid values: none, cognito, iam, lambda (e.g. cdk synth -c authMode=iam)\n']);
  });

  it('decides by class, not by name: any other error goes on with its stack, even one named like a config error', () => {
    const lookalike = Object.assign(new Error('a bug'), { name: 'InvalidContextError' });
    const result = run(() => {
      throw lookalike;
    });
    expect(result.thrown).toBe(lookalike);
    expect(result.exitCode).toBeUndefined();
    expect(result.printed).toEqual([]);
  });

  it('runs the app when nothing is wrong', () => {
    let ran = false;
    const result = run(() => void (ran = true));
    expect(ran).toBe(true);
    expect(result).toEqual({ printed: [], exitCode: undefined, thrown: undefined });
  });
});
