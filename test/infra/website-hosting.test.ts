import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { onlyId, templateFor } from './synth.js';

const template = templateFor({ authMode: 'iam' });
const resources = template.toJSON().Resources as Record<string, any>;

describe('website hosting', () => {
  it('keeps the bucket private and TLS-only', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('serves it through CloudFront with origin access control, HTTPS only, and index.html for client-side routes', () => {
    const distribution = onlyId(template, 'AWS::CloudFront::Distribution');
    const config = resources[distribution].Properties.DistributionConfig;
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    expect(config.Origins).toHaveLength(1);
    expect(config.Origins[0].OriginAccessControlId).toEqual({ 'Fn::GetAtt': [onlyId(template, 'AWS::CloudFront::OriginAccessControl'), 'Id'] });
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.CacheBehaviors.map((b: any) => [b.PathPattern, b.ViewerProtocolPolicy])).toEqual([['/config.json', 'redirect-to-https']]);
    expect(config.CustomErrorResponses).toEqual([
      { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
      { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
    ]);
    // Only CloudFront, through this distribution, may read the bucket.
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('compresses what it serves (gzip and Brotli), on every behavior', () => {
    const config = resources[onlyId(template, 'AWS::CloudFront::Distribution')].Properties.DistributionConfig;
    for (const behavior of [config.DefaultCacheBehavior, ...(config.CacheBehaviors ?? [])]) expect(behavior.Compress).toBe(true);
    // CachingOptimized (658327ea-f89d-4fab-a63d-7e88639e58f6) is the managed policy with
    // EnableAcceptEncodingGzip and EnableAcceptEncodingBrotli, which compression needs.
    expect(config.DefaultCacheBehavior.CachePolicyId).toBe('658327ea-f89d-4fab-a63d-7e88639e58f6');
  });

  it('sends a content security policy that allows only its own scripts and AWS endpoints', () => {
    const policy = Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0]!;
    const security = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp: string = security.ContentSecurityPolicy.ContentSecurityPolicy;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' https://*.amazonaws.com");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(security.FrameOptions.FrameOption).toBe('DENY');
    expect(security.StrictTransportSecurity.AccessControlMaxAgeSec).toBe(31536000);
    const distribution = resources[onlyId(template, 'AWS::CloudFront::Distribution')].Properties.DistributionConfig;
    const policyId = { Ref: onlyId(template, 'AWS::CloudFront::ResponseHeadersPolicy') };
    expect(distribution.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual(policyId);
    expect(distribution.CacheBehaviors[0].ResponseHeadersPolicyId).toEqual(policyId);
  });

  it('deploys a config.json built from the stack values, and a placeholder page when the website is not built', () => {
    const deployment = Object.values(template.findResources('Custom::CDKBucketDeployment'))[0]!;
    const markers = JSON.stringify(deployment.Properties.SourceMarkers ?? []);
    const objectKeys = JSON.stringify(deployment.Properties.SourceObjectKeys);
    expect(deployment.Properties.SourceObjectKeys).toHaveLength(2);
    expect(objectKeys).toMatch(/\.zip/);
    // The config's values are tokens resolved at deploy time: pool ids, client id, API URL.
    for (const resource of ['AWS::Cognito::UserPool', 'AWS::Cognito::UserPoolClient', 'AWS::Cognito::IdentityPool', 'AWS::ApiGateway::RestApi']) {
      expect(markers).toContain(onlyId(template, resource));
    }
    expect(deployment.Properties.DistributionPaths).toEqual(['/*']);
  });
});
