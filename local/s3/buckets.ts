import type { PolicyDocument, PolicyStatement } from '../iam/index.js';
import type { LocalStack } from '../template/index.js';

/** One CORS rule of a bucket (AWS::S3::Bucket CorsConfiguration.CorsRules), origins already local. */
export interface CorsRule {
  allowedOrigins: string[];
  allowedMethods: string[];
  allowedHeaders: string[];
  exposedHeaders: string[];
  maxAge?: number;
}

export interface LocalBucket {
  logicalId: string;
  name: string;
  arn: string;
  /** Undefined when the template gives the bucket no CorsConfiguration: S3 then refuses every preflight. */
  cors: CorsRule[] | undefined;
  /** The bucket policy's statements that deny everyone (`Principal: "*"`), e.g. enforceSSL's TLS-only Deny. */
  denies: PolicyDocument[];
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)]);

/**
 * The template's buckets as the local S3 serves them. Origins in the CORS rules that name the
 * stack's CloudFront distribution (the website) become the local website's origins, as the
 * outputs file's WebsiteUrl does.
 */
export function bucketsFromStack(stack: LocalStack, localWebsiteOrigins: () => string[]): Map<string, LocalBucket> {
  const distributionOrigins = new Set(stack.resourcesOfType('AWS::CloudFront::Distribution').map((id) => `https://${stack.attribute(id, 'DomainName')}`));
  const buckets = new Map<string, LocalBucket>();
  for (const logicalId of stack.resourcesOfType('AWS::S3::Bucket')) {
    const name = stack.physicalId(logicalId);
    const props = stack.resolve<Record<string, any>>(stack.template.Resources[logicalId]!.Properties ?? {});
    const rules = props.CorsConfiguration?.CorsRules as Record<string, unknown>[] | undefined;
    const cors = rules?.map((rule) => ({
      // Read at request time: the website's port is known only once it listens.
      get allowedOrigins() {
        return strings(rule.AllowedOrigins).flatMap((o) => (distributionOrigins.has(o) ? localWebsiteOrigins() : [o]));
      },
      allowedMethods: strings(rule.AllowedMethods),
      allowedHeaders: strings(rule.AllowedHeaders),
      exposedHeaders: strings(rule.ExposedHeaders),
      ...(rule.MaxAge !== undefined ? { maxAge: Number(rule.MaxAge) } : {}),
    }));
    buckets.set(name, { logicalId, name, arn: `arn:aws:s3:::${name}`, cors, denies: [] });
  }
  for (const id of stack.resourcesOfType('AWS::S3::BucketPolicy')) {
    const props = stack.resolve<Record<string, any>>(stack.template.Resources[id]!.Properties ?? {});
    const bucket = buckets.get(String(props.Bucket));
    if (!bucket) continue;
    const statements = ([] as PolicyStatement[]).concat(props.PolicyDocument?.Statement ?? []);
    const everyone = (p: unknown) => p === '*' || (p !== null && typeof p === 'object' && strings((p as { AWS?: unknown }).AWS).includes('*'));
    // Allow statements of a bucket policy name CDK's helper roles; only the denies for everyone apply to riders here.
    const denies = statements.filter((s) => s.Effect === 'Deny' && everyone(s.Principal));
    if (denies.length > 0) bucket.denies.push({ Statement: denies });
  }
  return buckets;
}
