import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/**
 * The IAM policy variable IAM replaces, per request, with the caller's identity-pool identity id
 * (`us-east-1:uuid`): the `identityId` Amplify Storage v6 puts in its paths
 * (`path: ({ identityId }) => \`protected/${identityId}/…\``). Written literally into the policy;
 * IAM, not CloudFormation, substitutes it (IAM user guide, "IAM policy elements: Variables and tags").
 */
export const IDENTITY_ID_VARIABLE = '${cognito-identity.amazonaws.com:sub}';

// What a photo may be (type, size) is checked by the website before sending: lib/rider-photo-rules.ts says why IAM cannot.
export { MAX_PHOTO_BYTES, PHOTO_TYPES } from './rider-photo-rules.js';

/**
 * Request headers a browser may send to the bucket: what Amplify Storage v6 and the AWS SDK sign
 * and send on GetObject, PutObject, the multipart calls and ListObjectsV2.
 */
export const RIDER_FILES_CORS_HEADERS = [
  'authorization',
  'content-type',
  'content-md5',
  'cache-control',
  'content-disposition',
  'x-amz-date',
  'x-amz-content-sha256',
  'x-amz-security-token',
  'x-amz-user-agent',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
  'x-amz-checksum-crc32',
  'x-amz-sdk-checksum-algorithm',
  'x-amz-meta-*',
] as const;

export interface RiderFilesProps {
  /** The role signed-in riders assume through the identity pool; it gets the per-rider grants. */
  readonly riderRole: iam.IRole;
  /** Browser origins that may call the bucket (the website's, and the app's allowedOrigins). */
  readonly allowedOrigins: readonly string[];
  /**
   * Keep the bucket and the riders' photos on `cdk destroy`.
   * @default false
   */
  readonly retainData?: boolean;
}

/**
 * The riders' files: a private bucket laid out as Amplify Storage lays it out
 * (`private/<identityId>/…` only its owner reads and writes, `protected/<identityId>/…`
 * every signed-in rider reads and only its owner writes), and the grants that confine each rider
 * to their own prefixes with the policy variable `${cognito-identity.amazonaws.com:sub}`.
 */
export class RiderFiles extends Construct {
  readonly bucket: s3.Bucket;
  readonly policy: iam.Policy;

  constructor(scope: Construct, id: string, props: RiderFilesProps) {
    super(scope, id);
    const retain = props.retainData ?? false;

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Versioned so a photo replaced or deleted by mistake (or by a stolen session) can be recovered
      // for a month; the lifecycle rule below keeps that from growing without end.
      versioned: true,
      lifecycleRules: [
        { id: 'ExpireOldPhotoVersions', noncurrentVersionExpiration: Duration.days(30), expiredObjectDeleteMarker: true },
        { id: 'AbortIncompleteUploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      cors: [
        {
          allowedOrigins: [...props.allowedOrigins],
          allowedMethods: [s3.HttpMethods.GET, s3.HttpMethods.HEAD, s3.HttpMethods.PUT, s3.HttpMethods.POST, s3.HttpMethods.DELETE],
          allowedHeaders: [...RIDER_FILES_CORS_HEADERS],
          // ETag: Amplify's multipart upload reads each part's ETag to complete the upload.
          exposedHeaders: ['ETag', 'x-amz-version-id', 'x-amz-request-id'],
          maxAge: 3000,
        },
      ],
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !retain,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Server access logs would need a second bucket that outlives cdk destroy in a workshop account; every request is signed by a rider session of the identity pool, and CloudTrail data events can be turned on where an audit trail is required.',
    });

    const objects = (path: string) => this.bucket.arnForObjects(path);
    this.policy = new iam.Policy(this, 'RiderPolicy', {
      statements: [
        new iam.PolicyStatement({
          sid: 'OwnPrivateFiles',
          actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
          resources: [objects(`private/${IDENTITY_ID_VARIABLE}/*`)],
        }),
        new iam.PolicyStatement({
          sid: 'WriteOwnProtectedFiles',
          actions: ['s3:PutObject', 's3:DeleteObject'],
          resources: [objects(`protected/${IDENTITY_ID_VARIABLE}/*`)],
        }),
        new iam.PolicyStatement({
          sid: 'ReadEveryRidersProtectedFiles',
          actions: ['s3:GetObject'],
          resources: [objects('protected/*')],
        }),
        new iam.PolicyStatement({
          sid: 'ListOwnPrefixes',
          actions: ['s3:ListBucket'],
          resources: [this.bucket.bucketArn],
          conditions: {
            StringLike: {
              's3:prefix': [
                `private/${IDENTITY_ID_VARIABLE}/`,
                `private/${IDENTITY_ID_VARIABLE}/*`,
                `protected/${IDENTITY_ID_VARIABLE}/`,
                `protected/${IDENTITY_ID_VARIABLE}/*`,
              ],
            },
          },
        }),
      ],
    });
    this.policy.attachToRole(props.riderRole);
    const prefixReason =
      'Each rider is confined to their own prefix by the policy variable ${cognito-identity.amazonaws.com:sub}; the wildcard only covers the objects under it (and protected/* is the read-only area Amplify Storage shares between signed-in riders).';
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    for (const path of ['private/<cognito-identity.amazonaws.com:sub>/*', 'protected/<cognito-identity.amazonaws.com:sub>/*', 'protected/*']) {
      Validations.of(this.policy).acknowledge({ id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${path}]`, reason: prefixReason });
    }
  }
}
