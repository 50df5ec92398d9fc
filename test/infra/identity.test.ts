import { describe, expect, it } from 'vitest';
import { onlyId, templateFor } from './synth.js';

const template = templateFor({ authMode: 'iam' });
const pool = onlyId(template, 'AWS::Cognito::UserPool');
const client = onlyId(template, 'AWS::Cognito::UserPoolClient');
const identityPool = onlyId(template, 'AWS::Cognito::IdentityPool');

describe('user pool', () => {
  it('lets riders sign up themselves and sign in with their email, verified by code', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
      UsernameConfiguration: { CaseSensitive: false },
    });
  });

  it('has a strong password policy', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 3,
        },
      },
    });
  });

  it('recovers accounts by email only', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    });
  });

  it('has a public client (no secret) for SRP, password, refresh and admin-password flows, hiding whether users exist', () => {
    const props = template.toJSON().Resources[client].Properties;
    expect(props.GenerateSecret).toBe(false);
    expect(props.UserPoolId).toEqual({ Ref: pool });
    expect([...props.ExplicitAuthFlows].sort()).toEqual([
      'ALLOW_ADMIN_USER_PASSWORD_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_PASSWORD_AUTH',
      'ALLOW_USER_SRP_AUTH',
    ]);
    expect(props.PreventUserExistenceErrors).toBe('ENABLED');
    expect(props.EnableTokenRevocation).toBe(true);
    // The hosted UI's code grant only; the implicit grant stays off unless -c implicitGrant=true (test/infra/hosted-ui.test.ts).
    expect(props.AllowedOAuthFlows).toEqual(['code']);
  });
});

describe('identity pool', () => {
  it('gives no credentials to unauthenticated identities and trusts only this user pool client', () => {
    template.hasResourceProperties('AWS::Cognito::IdentityPool', {
      AllowUnauthenticatedIdentities: false,
      CognitoIdentityProviders: [
        { ProviderName: { 'Fn::GetAtt': [pool, 'ProviderName'] }, ClientId: { Ref: client }, ServerSideTokenCheck: true },
      ],
    });
  });

  it('attaches only an authenticated role', () => {
    const attachment = Object.values(template.findResources('AWS::Cognito::IdentityPoolRoleAttachment'));
    expect(attachment).toHaveLength(1);
    const props = attachment[0]!.Properties;
    expect(props.IdentityPoolId).toEqual({ Ref: identityPool });
    expect(Object.keys(props.Roles)).toEqual(['authenticated']);
  });

  it("the authenticated role trusts only this identity pool's authenticated identities", () => {
    const role = (template.toJSON().Resources[identityPool] && attachedRole()) as string;
    const trust = template.toJSON().Resources[role].Properties.AssumeRolePolicyDocument;
    expect(trust.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': { Ref: identityPool } },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        },
      },
    ]);
  });
});

function attachedRole(): string {
  const attachment = Object.values(template.findResources('AWS::Cognito::IdentityPoolRoleAttachment'))[0]!;
  return attachment.Properties.Roles.authenticated['Fn::GetAtt'][0];
}
