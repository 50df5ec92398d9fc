import { describe, expect, it } from 'vitest';
import { InvalidContextError, readAppConfig } from '../../../lib/app-config.js';
import { AUTH_MODES, InvalidAuthModeError, parseAuthMode } from '../../../lib/auth-mode.js';

const config = (context: Record<string, unknown>) => readAppConfig((key) => context[key]);

describe('parseAuthMode', () => {
  it('accepts the four modes and defaults to cognito', () => {
    expect(AUTH_MODES).toEqual(['none', 'cognito', 'iam', 'lambda']);
    for (const mode of AUTH_MODES) expect(parseAuthMode(mode)).toBe(mode);
    expect(parseAuthMode(undefined)).toBe('cognito');
  });

  it('refuses anything else with the list of valid values', () => {
    expect(() => parseAuthMode('IAM')).toThrow(InvalidAuthModeError);
    expect(() => parseAuthMode('oauth')).toThrow('Unknown authMode "oauth". Valid values: none, cognito, iam');
  });
});

describe('readAppConfig', () => {
  it('has safe defaults', () => {
    expect(config({})).toEqual({ authMode: 'cognito', allowedOrigins: ['*'], retainData: false, authorizerCacheTtl: 300 });
  });

  it('reads origins as a list and retainData as a boolean', () => {
    expect(config({ allowedOrigins: 'https://a.example,http://localhost:5173', retainData: 'true', authMode: 'iam' })).toEqual({
      authMode: 'iam',
      allowedOrigins: ['https://a.example', 'http://localhost:5173'],
      retainData: true,
      authorizerCacheTtl: 300,
    });
  });

  it('reads authorizerCacheTtl as whole seconds from 0 (no cache) to 3600', () => {
    expect(config({ authorizerCacheTtl: '0' }).authorizerCacheTtl).toBe(0);
    expect(config({ authorizerCacheTtl: 3600 }).authorizerCacheTtl).toBe(3600);
    for (const value of ['3601', '-5', '30s', '2.5', 'abc']) {
      expect(() => config({ authorizerCacheTtl: value })).toThrow(InvalidContextError);
      expect(() => config({ authorizerCacheTtl: value })).toThrow(`authorizerCacheTtl: expected whole seconds from 0 (no cache) to 3600, got "${value}"`);
    }
  });

  it.each([
    [{ allowedOrigins: 'not a url' }, /is not an origin like/],
    [{ allowedOrigins: 'https://a.example/path' }, /did you mean "https:\/\/a.example"/],
    [{ allowedOrigins: '*,https://a.example' }, /cannot be combined/],
    [{ retainData: 'yes' }, /expected true or false/],
  ])('refuses %j', (context, message) => {
    expect(() => config(context)).toThrow(InvalidContextError);
    expect(() => config(context)).toThrow(message);
  });
});
