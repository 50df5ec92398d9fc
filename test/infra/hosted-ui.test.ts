import { describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { onlyId, templateFor } from './synth.js';

const template = templateFor({ authMode: 'cognito' });
const client = () => Object.values(template.findResources('AWS::Cognito::UserPoolClient'))[0]!.Properties;

describe('hosted UI (default flags)', () => {
  it('gives the pool a Cognito domain named after the stack and the account, resolved at deploy time', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['-', ['wildrydes', { Ref: 'AWS::AccountId' }]] },
      UserPoolId: { Ref: onlyId(template, 'AWS::Cognito::UserPool') },
    });
  });

  it('declares the wildrydes resource server with rides.read and rides.write', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'wildrydes',
      Scopes: [
        { ScopeName: 'rides.read', ScopeDescription: Match.anyValue() },
        { ScopeName: 'rides.write', ScopeDescription: Match.anyValue() },
      ],
    });
  });

  it('lets the public web client use the code grant only, with the OIDC and API scopes, through COGNITO', () => {
    const p = client();
    expect(p.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(p.AllowedOAuthFlows).toEqual(['code']);
    expect(p.GenerateSecret).toBe(false);
    expect(p.SupportedIdentityProviders).toEqual(['COGNITO']);
    // The API's scopes name the resource server by Ref (its Identifier, wildrydes), so it exists first.
    const server = onlyId(template, 'AWS::Cognito::UserPoolResourceServer');
    expect(p.AllowedOAuthScopes).toEqual([
      'openid', 'email', 'profile',
      ...['/rides.read', '/rides.write'].map((s) => ({ 'Fn::Join': ['', [{ Ref: server }, s]] })),
    ]);
  });

  it("redirects to the website, the local website and the rider CLI's loopback address only", () => {
    const p = client();
    const distribution = onlyId(template, 'AWS::CloudFront::Distribution');
    const site = (path: string) => ({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }, path]] });
    expect(p.CallbackURLs).toEqual([site('/auth/callback'), 'http://localhost:3000/auth/callback', 'http://localhost:8976/rider/callback']);
    expect(p.LogoutURLs).toEqual([site('/'), 'http://localhost:3000/']);
  });

  it('outputs the domain URL and leaves the methods asking for ID tokens (no scopes)', () => {
    const output = template.findOutputs('UserPoolDomainUrl');
    expect(JSON.stringify(output)).toContain('.auth.');
    expect(template.findOutputs('ApiTokenUse').ApiTokenUse?.Value).toBe('id');
    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'POST', AuthorizationType: 'COGNITO_USER_POOLS', AuthorizationScopes: Match.absent() });
  });
});

describe('hosted UI flags', () => {
  it('-c authDomainPrefix, -c extraCallbackUrls and -c implicitGrant reach the domain and the client', () => {
    const t = templateFor({ authMode: 'cognito', authDomainPrefix: 'rydes-ana', extraCallbackUrls: 'https://app.example.com/cb', implicitGrant: 'true' });
    t.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'rydes-ana' });
    const p = Object.values(t.findResources('AWS::Cognito::UserPoolClient'))[0]!.Properties;
    expect(p.AllowedOAuthFlows).toEqual(['implicit', 'code']);
    expect(p.CallbackURLs).toContain('https://app.example.com/cb');
    expect(p.LogoutURLs).toContain('https://app.example.com/cb');
  });

  it('-c requireScopes=true makes POST /ride want an access token with wildrydes/rides.write', () => {
    const t = templateFor({ authMode: 'cognito', requireScopes: 'true' });
    t.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'POST', AuthorizationType: 'COGNITO_USER_POOLS', AuthorizationScopes: ['wildrydes/rides.write'] });
    t.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'OPTIONS', AuthorizationScopes: Match.absent() });
    // The tools read from the outputs which token to send.
    expect(t.findOutputs('ApiTokenUse').ApiTokenUse?.Value).toBe('access');
  });

  it('a stack name with a reserved word still gives a valid prefix', () => {
    const t = templateFor({ authMode: 'iam', stackName: 'Amazon-AWS-Rydes' });
    t.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: { 'Fn::Join': ['-', ['rydes', { Ref: 'AWS::AccountId' }]] } });
  });
});
