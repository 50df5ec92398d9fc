import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { onlyId, templateFor } from './synth.js';

const template = templateFor({ authMode: 'cognito' });
const bucket = onlyId(template, 'AWS::S3::Bucket', { CorsConfiguration: Match.anyValue() });
const role = onlyId(template, 'AWS::IAM::Role', { Description: 'Assumed by signed-in Wild Rydes riders through the identity pool' });
const objects = (path: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucket, 'Arn'] }, `/${path}`]] });
const SUB = '${cognito-identity.amazonaws.com:sub}';

describe('the riders files bucket', () => {
  it('is private, encrypted, TLS only, versioned with old versions expiring', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: Match.anyValue(),
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: 'Enabled' }),
          Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucket },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('answers CORS only for the website origin, with the headers the SDK signs', () => {
    const props = template.toJSON().Resources[bucket].Properties;
    const [rule] = props.CorsConfiguration.CorsRules;
    expect(rule.AllowedOrigins).toHaveLength(1);
    expect(JSON.stringify(rule.AllowedOrigins[0])).toContain('DomainName');
    expect(rule.AllowedMethods).toEqual(['GET', 'HEAD', 'PUT', 'POST', 'DELETE']);
    expect(rule.AllowedHeaders).toEqual(expect.arrayContaining(['authorization', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256', 'content-type']));
    expect(rule.ExposedHeaders).toContain('ETag');
  });

  it('adds the allowedOrigins flag to CORS (never "*")', () => {
    const other = templateFor({ authMode: 'cognito', allowedOrigins: 'https://a.example' });
    const id = Object.keys(other.findResources('AWS::S3::Bucket', { Properties: { CorsConfiguration: Match.anyValue() } }))[0]!;
    const origins = other.toJSON().Resources[id].Properties.CorsConfiguration.CorsRules[0].AllowedOrigins;
    expect(origins).toHaveLength(2);
    expect(origins[1]).toBe('https://a.example');
  });

  it('empties itself on destroy, unless retainData', () => {
    expect(template.toJSON().Resources[bucket].DeletionPolicy).toBe('Delete');
    template.hasResourceProperties('Custom::S3AutoDeleteObjects', { BucketName: { Ref: bucket } });
    const kept = templateFor({ authMode: 'cognito', retainData: 'true' });
    const keptId = Object.keys(kept.findResources('AWS::S3::Bucket', { Properties: { CorsConfiguration: Match.anyValue() } }))[0]!;
    expect(kept.toJSON().Resources[keptId].DeletionPolicy).toBe('Retain');
    expect(Object.values(kept.findResources('Custom::S3AutoDeleteObjects')).map((r) => JSON.stringify(r.Properties))).not.toContainEqual(expect.stringContaining(keptId));
  });

  it('is named in the outputs and in config.json', () => {
    template.hasOutput('RiderFilesBucket', { Value: { Ref: bucket } });
    const deployment = Object.values(template.findResources('Custom::CDKBucketDeployment'))[0]!;
    // config.json is written at deploy time; the bucket's name reaches it as a deploy-time marker.
    expect(JSON.stringify(deployment.Properties.SourceMarkers)).toContain(JSON.stringify({ Ref: bucket }));
  });
});

describe("the riders' grants (exact statements, policy variables)", () => {
  it('are exactly these four statements on the identity pool role', () => {
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }], PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'OwnPrivateFiles' })]) } } });
    const [policy] = Object.values(policies);
    expect(policy).toBeDefined();
    expect(policy!.Properties.PolicyDocument.Statement).toEqual([
      { Sid: 'OwnPrivateFiles', Effect: 'Allow', Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], Resource: objects(`private/${SUB}/*`) },
      { Sid: 'WriteOwnProtectedFiles', Effect: 'Allow', Action: ['s3:DeleteObject', 's3:PutObject'], Resource: objects(`protected/${SUB}/*`) },
      { Sid: 'ReadEveryRidersProtectedFiles', Effect: 'Allow', Action: 's3:GetObject', Resource: objects('protected/*') },
      {
        Sid: 'ListOwnPrefixes',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: { 'Fn::GetAtt': [bucket, 'Arn'] },
        Condition: { StringLike: { 's3:prefix': [`private/${SUB}/`, `private/${SUB}/*`, `protected/${SUB}/`, `protected/${SUB}/*`] } },
      },
    ]);
  });

  it('no other policy of the riders role names the bucket', () => {
    const all = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }] } });
    const naming = Object.values(all).filter((p) => JSON.stringify(p).includes(bucket));
    expect(naming).toHaveLength(1);
  });
});

describe('profile attributes', () => {
  it('declares custom:favourite_unicorn in the pool schema, mutable and short', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([
        { Name: 'favourite_unicorn', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MinLength: '0', MaxLength: '32' } },
      ]),
    });
  });

  it('lets the web client read and write name and the favourite unicorn, but not email_verified', () => {
    const client = template.toJSON().Resources[onlyId(template, 'AWS::Cognito::UserPoolClient')].Properties;
    expect(client.ReadAttributes).toEqual(expect.arrayContaining(['name', 'email', 'email_verified', 'custom:favourite_unicorn']));
    expect([...client.WriteAttributes].sort()).toEqual(['custom:favourite_unicorn', 'email', 'name']);
  });
});
