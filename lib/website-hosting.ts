import { Annotations, CfnResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { accountWideName } from './account-wide-name.js';
import type { AuthMode } from './auth-mode.js';

/** What the website reads at run time from `/config.json`: one build serves every stack and auth mode. */
export interface WebsiteRuntimeConfig {
  readonly region: string;
  readonly userPoolId: string;
  readonly userPoolClientId: string;
  readonly identityPoolId: string;
  readonly apiUrl: string;
  readonly authMode: AuthMode;
  /** The riders' files bucket (profile photos), used with the region by Amplify Storage. */
  readonly riderFilesBucket: string;
  /**
   * With `-c apiKeys=true`, the website's API key, sent as x-api-key: it
   * identifies the client for throttling and quotas, it does not authenticate
   * a rider. Deployed as a deploy-time value, never written into the template.
   */
  readonly apiKey?: string;
  /** The hosted UI's base URL (`https://<prefix>.auth.<region>.amazoncognito.com`). */
  readonly hostedUiUrl?: string;
  /** The website's URLs the hosted UI redirects back to (added from `redirectPaths`, see below). */
  readonly redirectSignIn?: string;
  readonly redirectSignOut?: string;
  /** With `-c requireScopes=true`: the API wants access tokens with its scopes, not ID tokens. */
  readonly requireScopes?: boolean;
}

export interface WebsiteHostingProps {
  /**
   * The built website (`website/dist`).
   * @default - a placeholder page saying the website was not built, and a synth warning
   */
  readonly websiteDir?: string;
  /** The values written to `/config.json` next to the website. */
  readonly config: WebsiteRuntimeConfig;
  /**
   * The website's paths the hosted UI redirects to; config.json gets them as full
   * URLs of this distribution (`redirectSignIn`, `redirectSignOut`).
   * @default - none: no redirect URLs in config.json
   */
  readonly redirectPaths?: { readonly signIn: string; readonly signOut: string };
}

/**
 * What the page may load: its own scripts and styles (Leaflet sets inline styles
 * on map elements), map tiles from any HTTPS tile server (the tile URL is
 * configurable), and calls to AWS endpoints only (Cognito and API Gateway).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  // *.amazoncognito.com: the hosted UI's token endpoint (Amplify exchanges the code there).
  "connect-src 'self' https://*.amazonaws.com https://*.amazoncognito.com",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const PLACEHOLDER_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Wild Rydes</title></head>
<body><h1>Wild Rydes</h1><p>The website was not built when this stack was deployed. Run <code>npm run deploy</code>, which builds it first.</p></body></html>`;

/**
 * The riders' website: a private bucket that only CloudFront can read (origin
 * access control), served over HTTPS, with client-side routes falling back to
 * index.html, and a config.json written from the stack's own values.
 */
export class WebsiteHosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: WebsiteHostingProps) {
    super(scope, id);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Static files rebuilt from the repository on every deploy: nothing to keep after `cdk destroy`.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    ownAutoDeleteLogs(this);
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'The bucket holds only the public website build, readable solely through CloudFront; access logs would need a further bucket that outlives cdk destroy.',
    });

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Wild Rydes: strict security headers and a content security policy',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });

    // One origin (and one origin access control) serves both behaviours.
    const origin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket);
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Wild Rydes website',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      },
      additionalBehaviors: {
        // The config changes with every deploy; never serve a stale one.
        '/config.json': {
          origin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          responseHeadersPolicy: headers,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        },
      },
      // The bucket is private, so a missing key is a 403: both mean "a client-side route", served by the app.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.seconds(0),
      })),
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
    });
    nameAcrossRegions(headers, this.distribution);
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Riders may be anywhere; the workshop has no geographic restriction requirement.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason: 'AWS WAF is billed per web ACL per month; the distribution serves static public files only.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR3',
      reason: 'Access logs would need a log bucket that outlives cdk destroy; the distribution serves static public files only.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason: 'The default *.cloudfront.net certificate is used (no custom domain in a workshop); its security policy is fixed by CloudFront, and modern browsers negotiate TLS 1.2 or later with it.',
    });

    const redirects = props.redirectPaths
      ? { redirectSignIn: `${this.url}${props.redirectPaths.signIn}`, redirectSignOut: `${this.url}${props.redirectPaths.signOut}` }
      : {};
    const sources = [s3deploy.Source.jsonData('config.json', { ...props.config, ...redirects })];
    if (props.websiteDir) {
      sources.unshift(s3deploy.Source.asset(props.websiteDir));
    } else {
      sources.unshift(s3deploy.Source.data('index.html', PLACEHOLDER_PAGE));
      Annotations.of(this).addWarningV2(
        'wild-rydes:website-not-built',
        'website/dist does not exist: a placeholder page will be deployed. Run `npm run deploy` to build the website first.',
      );
    }
    const deployment = new s3deploy.BucketDeployment(this, 'Deploy', {
      sources,
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 256,
      // Its own log group, so the deployment helper's logs go with the stack instead of outliving it.
      logGroup: new logs.LogGroup(this, 'DeployLogs', { retention: logs.RetentionDays.ONE_WEEK, removalPolicy: RemovalPolicy.DESTROY }),
    });
    acknowledgeDeploymentHelpers(this, deployment);
  }

  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}

/**
 * CloudFront's response-headers policy and origin access control names are unique in the account,
 * whatever the region (CloudFront is global); CDK's default names hold the stack's name but not the
 * region, so the same stack in two regions of one account would fail with AlreadyExists. Both get
 * `accountWideName` (stack, path, region) on their L1, so their logical ids stay as they were.
 */
function nameAcrossRegions(headers: cloudfront.ResponseHeadersPolicy, distribution: cloudfront.Distribution): void {
  const policy = headers.node.defaultChild as cloudfront.CfnResponseHeadersPolicy;
  policy.addPropertyOverride('ResponseHeadersPolicyConfig.Name', accountWideName(headers, 128));
  const controls = distribution.node.findAll().filter((c): c is cloudfront.S3OriginAccessControl => c instanceof cloudfront.S3OriginAccessControl);
  if (controls.length !== 1) throw new Error(`expected the one origin access control the S3 origin creates, found ${controls.length}`);
  const control = controls[0]!.node.defaultChild as cloudfront.CfnOriginAccessControl;
  control.addPropertyOverride('OriginAccessControlConfig.Name', accountWideName(controls[0]!, 64));
}

/**
 * `autoDeleteObjects` brings CDK's auto-delete helper, a stack-level function that is no
 * lambda.Function (so neither a `logGroup` prop nor `@aws-cdk/aws-lambda:useCdkManagedLogGroup`
 * reaches it). Left alone, Lambda writes its logs to `/aws/lambda/<name>`, a group Lambda creates
 * itself: never expiring, unknown to CloudFormation, left behind by `cdk destroy`. Pointing its
 * LoggingConfig at a group of the stack fixes that; its role (AWSLambdaBasicExecutionRole) may
 * write there. On destroy the helper runs before its function and the group go: the custom
 * resource depends on the function, the function (by Ref) on the group.
 */
function ownAutoDeleteLogs(scope: Construct): void {
  const provider = Stack.of(scope).node.tryFindChild('Custom::S3AutoDeleteObjectsCustomResourceProvider');
  const handler = provider?.node.tryFindChild('Handler');
  if (!(handler instanceof CfnResource)) throw new Error('CDK\'s auto-delete-objects helper was not found where aws-cdk-lib puts it; update ownAutoDeleteLogs');
  const logGroup = new logs.LogGroup(scope, 'AutoDeleteLogs', { retention: logs.RetentionDays.ONE_WEEK, removalPolicy: RemovalPolicy.DESTROY });
  handler.addPropertyOverride('LoggingConfig', { LogGroup: logGroup.logGroupName });
}

/**
 * BucketDeployment brings CDK's own helper function (a singleton at stack level).
 * Its code, runtime and role are CDK's, not ours; these are its findings.
 */
function acknowledgeDeploymentHelpers(scope: Construct, deployment: s3deploy.BucketDeployment): void {
  const helper = Stack.of(scope).node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  const target = helper ?? deployment.handlerRole;
  const acknowledge = (id: string, reason: string) => Validations.of(target).acknowledge({ id, reason });
  acknowledge('AwsSolutions-L1', "CDK's BucketDeployment helper pins its own Python runtime together with the AWS CLI layer it ships; it runs only during deployments.");
  acknowledge(
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    "CDK's BucketDeployment helper role; the managed policy only lets it write its own logs.",
  );
  const s3Reason = 'Granted by CDK to copy the website asset into the bucket (read the asset, write and prune the website bucket); scoped to those two buckets.';
  for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*']) {
    acknowledge(`AwsSolutions-IAM5[Action::${action}]`, s3Reason);
  }
  acknowledge('AwsSolutions-IAM5[Resource::<WebsiteBucket4326D7C2.Arn>/*]', s3Reason);
  acknowledge('AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]', s3Reason);
  acknowledge(
    'AwsSolutions-IAM5[Resource::*]',
    'cloudfront:CreateInvalidation/GetInvalidation after each deploy so riders get the new build; CloudFront invalidation actions do not support resource-level scoping in the CDK helper.',
  );
}
