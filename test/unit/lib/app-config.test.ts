import { describe, expect, it } from 'vitest';
import { DEFAULT_THROTTLE, DEFAULT_USAGE_PLAN, DEFAULT_WAF_RATE_LIMIT } from '../../../lib/access-config.js';
import { InvalidContextError, readAppConfig } from '../../../lib/app-config.js';
import { AUTH_MODES, InvalidAuthModeError, parseAuthMode } from '../../../lib/auth-mode.js';

const config = (context: Record<string, unknown>) => readAppConfig((key) => context[key]);
/** Every access control off (issue 11): what no flag means. */
const NO_ACCESS_CONTROLS = { apiKeys: false, usagePlan: DEFAULT_USAGE_PLAN, allowedSourceCidrs: [], waf: false, wafRateLimit: DEFAULT_WAF_RATE_LIMIT, throttle: DEFAULT_THROTTLE };

describe('parseAuthMode', () => {
  it('accepts the three modes and defaults to cognito', () => {
    expect(AUTH_MODES).toEqual(['none', 'cognito', 'iam']);
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
    expect(config({})).toEqual({ authMode: 'cognito', allowedOrigins: ['*'], retainData: false, access: NO_ACCESS_CONTROLS });
  });

  it('reads origins as a list and retainData as a boolean', () => {
    expect(config({ allowedOrigins: 'https://a.example,http://localhost:5173', retainData: 'true', authMode: 'iam' })).toEqual({
      authMode: 'iam',
      allowedOrigins: ['https://a.example', 'http://localhost:5173'],
      retainData: true,
      access: NO_ACCESS_CONTROLS,
    });
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
