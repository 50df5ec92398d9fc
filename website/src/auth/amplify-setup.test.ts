import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/config';
import { API_NAME, buildAmplifyConfig } from './amplify-setup';

const base = {
  region: 'us-east-1',
  userPoolId: 'us-east-1_AbC123xyz',
  userPoolClientId: 'client123',
  identityPoolId: 'us-east-1:0f0e0d0c-0000-4000-8000-000000000001',
  apiUrl: 'http://127.0.0.1:4010/prod/',
  userPoolEndpoint: 'http://127.0.0.1:4020',
  identityPoolEndpoint: 'http://127.0.0.1:4021',
};

describe('buildAmplifyConfig', () => {
  it('IAM mode: user pool plus identity pool (no guest access), and the REST API signed as execute-api', () => {
    const amplify = buildAmplifyConfig(parseConfig({ ...base, authMode: 'iam' }));
    expect(amplify.Auth?.Cognito).toMatchObject({
      userPoolId: base.userPoolId,
      userPoolClientId: base.userPoolClientId,
      userPoolEndpoint: base.userPoolEndpoint,
      identityPoolId: base.identityPoolId,
      identityPoolEndpoint: base.identityPoolEndpoint,
      allowGuestAccess: false,
    });
    expect(amplify.API?.REST?.[API_NAME]).toEqual({ endpoint: base.apiUrl, region: 'us-east-1', service: 'execute-api' });
  });

  it.each(['cognito', 'none', 'lambda'])('%s mode: the identity pool too (profile photos are signed with its credentials), never for guests', (authMode) => {
    const cognito = buildAmplifyConfig(parseConfig({ ...base, authMode })).Auth?.Cognito as unknown as Record<string, unknown>;
    expect(cognito.userPoolEndpoint).toBe(base.userPoolEndpoint);
    expect(cognito.identityPoolId).toBe(base.identityPoolId);
    expect(cognito.allowGuestAccess).toBe(false);
  });

  it('configures Amplify Storage with the riders files bucket and the region', () => {
    expect(buildAmplifyConfig(parseConfig({ ...base, authMode: 'cognito', riderFilesBucket: 'wildrydes-riderfiles' })).Storage).toEqual({ S3: { bucket: 'wildrydes-riderfiles', region: 'us-east-1' } });
    expect(buildAmplifyConfig(parseConfig({ ...base, authMode: 'cognito' }))).not.toHaveProperty('Storage');
  });

  it('leaves the endpoints out for a deployed stack (Amplify then uses AWS`s)', () => {
    const { userPoolEndpoint: _a, identityPoolEndpoint: _b, ...deployed } = base;
    const cognito = buildAmplifyConfig(parseConfig({ ...deployed, authMode: 'iam' })).Auth?.Cognito as unknown as Record<string, unknown>;
    expect(cognito).not.toHaveProperty('userPoolEndpoint');
    expect(cognito).not.toHaveProperty('identityPoolEndpoint');
  });
});
