import { createHash } from 'node:crypto';

/**
 * Local physical ids. They are derived from the stack name and logical id, so
 * every start of the same stack gives the same ids: tokens issued yesterday
 * still name today's pool, and the outputs file stays stable.
 */

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** `length` characters of `alphabet`, chosen by a hash of `seed`. */
export function hashedId(seed: string, length: number, alphabet: string): string {
  let out = '';
  let counter = 0;
  while (out.length < length) {
    const digest = createHash('sha256').update(`${seed}#${counter++}`).digest();
    for (const byte of digest) {
      // Rejection sampling keeps every character equally likely.
      if (byte >= 256 - (256 % alphabet.length)) continue;
      out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

function uuidFrom(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  // Shaped like a version-4 UUID, as Cognito's identity pool ids are.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A CloudFormation-style generated name: `<stack>-<logicalId>-<SUFFIX>`, at most `max` characters. */
function generatedName(stackName: string, logicalId: string, max = 64): string {
  const suffix = hashedId(`${stackName}/${logicalId}/name`, 12, UPPER_ALNUM);
  const room = max - suffix.length - 2;
  const head = `${stackName}-${logicalId}`.slice(0, room);
  return `${head}-${suffix}`;
}

export function physicalIdFor(
  stackName: string,
  region: string,
  logicalId: string,
  type: string,
  properties: Record<string, any> = {},
): string {
  const seed = `${stackName}/${logicalId}`;
  switch (type) {
    case 'AWS::Cognito::UserPool':
      return `${region}_${hashedId(seed, 9, ALNUM)}`;
    case 'AWS::Cognito::UserPoolClient':
      return hashedId(seed, 26, LOWER_ALNUM);
    // Ref of a resource server is its Identifier, of a domain its Domain (the prefix): both named by the template.
    case 'AWS::Cognito::UserPoolResourceServer':
      return String(properties.Identifier ?? logicalId);
    case 'AWS::Cognito::UserPoolDomain':
      return String(properties.Domain ?? logicalId);
    case 'AWS::Cognito::IdentityPool':
      return `${region}:${uuidFrom(seed)}`;
    case 'AWS::ApiGateway::RestApi':
      return hashedId(seed, 10, LOWER_ALNUM);
    case 'AWS::ApiGateway::Resource':
    case 'AWS::ApiGateway::Deployment':
    case 'AWS::ApiGateway::Authorizer':
      return hashedId(seed, 6, LOWER_ALNUM);
    case 'AWS::ApiGateway::Stage':
      return String(properties.StageName ?? logicalId);
    case 'AWS::DynamoDB::Table':
      return typeof properties.TableName === 'string' ? properties.TableName : generatedName(stackName, logicalId, 255);
    case 'AWS::Lambda::Function':
      return typeof properties.FunctionName === 'string' ? properties.FunctionName : generatedName(stackName, logicalId, 64);
    case 'AWS::IAM::Role':
      return typeof properties.RoleName === 'string' ? properties.RoleName : generatedName(stackName, logicalId, 64);
    case 'AWS::S3::Bucket':
      return typeof properties.BucketName === 'string'
        ? properties.BucketName
        : generatedName(stackName.toLowerCase(), logicalId.toLowerCase(), 63).toLowerCase();
    case 'AWS::CloudFront::Distribution':
      return hashedId(seed, 14, UPPER_ALNUM);
    case 'AWS::Logs::LogGroup':
      return typeof properties.LogGroupName === 'string' ? properties.LogGroupName : generatedName(stackName, logicalId, 512);
    default:
      return generatedName(stackName, logicalId);
  }
}
