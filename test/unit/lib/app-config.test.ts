import { describe, expect, it } from 'vitest';
import { DEFAULT_THROTTLE, DEFAULT_USAGE_PLAN, DEFAULT_WAF_RATE_LIMIT } from '../../../lib/access-config.js';
import { InvalidContextError, readAppConfig } from '../../../lib/app-config.js';
import { AUTH_MODES, InvalidAuthModeError, parseAuthMode } from '../../../lib/auth-mode.js';

const config = (context: Record<string, unknown>) => readAppConfig((key) => context[key]);
/** Every access control off (issue 11): what no flag means. */
const NO_ACCESS_CONTROLS = { apiKeys: false, usagePlan: DEFAULT_USAGE_PLAN, allowedSourceCidrs: [], waf: false, wafRateLimit: DEFAULT_WAF_RATE_LIMIT, throttle: DEFAULT_THROTTLE };
const NO_HOSTED_UI = { domainPrefix: undefined, extraCallbackUrls: [], implicitGrant: false, requireScopes: false };

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
    expect(config({})).toEqual({ stackName: 'WildRydes', authMode: 'cognito', allowedOrigins: ['*'], retainData: false, accessLogs: false, authorizerCacheTtl: 300, access: NO_ACCESS_CONTROLS, hostedUi: NO_HOSTED_UI });
  });

  it('reads origins as a list and retainData as a boolean', () => {
    expect(config({ allowedOrigins: 'https://a.example,http://localhost:5173', retainData: 'true', authMode: 'iam' })).toEqual({
      stackName: 'WildRydes',
      authMode: 'iam',
      allowedOrigins: ['https://a.example', 'http://localhost:5173'],
      retainData: true,
      accessLogs: false,
      authorizerCacheTtl: 300,
      access: NO_ACCESS_CONTROLS,
      hostedUi: NO_HOSTED_UI,
    });
  });

  it('reads the stack name (one per attendee) and accessLogs', () => {
    expect(config({ stackName: 'WildRydes-ana', accessLogs: 'true' })).toMatchObject({ stackName: 'WildRydes-ana', accessLogs: true });
    expect(config({ stackName: 'a'.repeat(128) }).stackName).toHaveLength(128);
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
    [{ accessLogs: 'on' }, /accessLogs: expected true or false/],
    [{ stackName: 'Wild Rydes' }, /stackName: "Wild Rydes" is not a CloudFormation stack name/],
    [{ stackName: '1WildRydes' }, /is not a CloudFormation stack name/],
    [{ stackName: 'WildRydes_ana' }, /is not a CloudFormation stack name/],
    [{ stackName: 'a'.repeat(129) }, /at most 128/],
  ])('refuses %j', (context, message) => {
    expect(() => config(context)).toThrow(InvalidContextError);
    expect(() => config(context)).toThrow(message);
  });
});
