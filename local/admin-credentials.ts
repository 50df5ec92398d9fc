import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import { LocalCloudError } from './errors.js';

/**
 * The local cloud's administrator: long-term credentials made on the first
 * start and kept in the data folder, the only key (besides the identity pool's
 * and the functions' role sessions) that Cognito's admin actions and DynamoDB
 * accept. Shaped like an IAM user's access key, so tools that check the shape
 * (`AKIA` + 16 base32 characters, a 40-character secret) take it as they would
 * a real one.
 */
export interface AdminCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export const ADMIN_CREDENTIALS_FILE = 'admin-credentials.json';
/** The named profile written under the data folder for the AWS CLI and SDKs. */
export const ADMIN_PROFILE = 'wild-rydes-local';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomBase32(length: number): string {
  // 32 divides 256, so `byte % 32` is uniform.
  let out = '';
  for (const byte of randomBytes(length)) out += BASE32[byte % 32];
  return out;
}

function generate(): AdminCredentials {
  return {
    accessKeyId: `AKIA${randomBase32(16)}`,
    // 30 random bytes are exactly 40 base64 characters, the alphabet of AWS secret keys.
    secretAccessKey: randomBytes(30).toString('base64'),
  };
}

function isValid(value: unknown): value is AdminCredentials {
  if (!value || typeof value !== 'object') return false;
  const { accessKeyId, secretAccessKey } = value as Record<string, unknown>;
  return typeof accessKeyId === 'string' && /^AKIA[A-Z2-7]{16}$/.test(accessKeyId) && typeof secretAccessKey === 'string' && secretAccessKey.length === 40;
}

/** The data folder's administrator-credentials file is there but is not a pair of keys; the person deletes it to have new ones. */
export class DamagedAdminCredentialsError extends LocalCloudError {
  override name = 'DamagedAdminCredentialsError';
}

/**
 * The data folder's administrator credentials, generated on the first start
 * (mode 0600: only this user may read them) and the same on every later one.
 * A damaged file is refused rather than silently replaced, since tools may
 * still hold the old key.
 */
export function loadAdminCredentials(dataDir: string): AdminCredentials {
  const file = join(dataDir, ADMIN_CREDENTIALS_FILE);
  if (existsSync(file)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      parsed = undefined;
    }
    if (!isValid(parsed)) throw new DamagedAdminCredentialsError(`${file} is not a pair of local administrator credentials; delete it to have new ones made`);
    chmodSync(file, 0o600);
    return { accessKeyId: parsed.accessKeyId, secretAccessKey: parsed.secretAccessKey };
  }
  mkdirSync(dataDir, { recursive: true });
  const credentials = generate();
  writeFileAtomic(file, `${JSON.stringify(credentials, null, 2)}\n`, 0o600);
  return credentials;
}

export interface ProfileEndpoints {
  region: string;
  cognitoUrl: string;
  dynamoDbUrl: string;
  s3Url?: string;
}

export interface ProfileFiles {
  credentialsFile: string;
  configFile: string;
  /** What to put before an `aws` command (or export) to use the profile. */
  environment: Record<'AWS_SHARED_CREDENTIALS_FILE' | 'AWS_CONFIG_FILE' | 'AWS_PROFILE', string>;
  /** The same as one shell line. */
  envLine: string;
}

/**
 * Writes `<dataDir>/aws/credentials` and `<dataDir>/aws/config` with the
 * profile `wild-rydes-local`: the admin key, the stack's region and each local
 * service's endpoint in a `services` section. The AWS CLI (v1 from
 * botocore 1.31, v2 from 2.13) and the SDKs read `services` sections keyed by
 * the service id in snake case (`cognito_identity_provider`,
 * `cognito_identity`, `dynamodb`); older CLIs (Debian bookworm ships 2.9)
 * ignore them, and `--endpoint-url` still works there. Ports change between
 * starts, so the files are rewritten on each start.
 */
export function writeAwsProfile(dataDir: string, admin: AdminCredentials, endpoints: ProfileEndpoints): ProfileFiles {
  const dir = join(dataDir, 'aws');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const credentialsFile = join(dir, 'credentials');
  const configFile = join(dir, 'config');
  writeFileAtomic(credentialsFile, [`[${ADMIN_PROFILE}]`, `aws_access_key_id = ${admin.accessKeyId}`, `aws_secret_access_key = ${admin.secretAccessKey}`, ''].join('\n'), 0o600);
  writeFileAtomic(
    configFile,
    [
      `[profile ${ADMIN_PROFILE}]`,
      `region = ${endpoints.region}`,
      'output = json',
      `services = ${ADMIN_PROFILE}-services`,
      '',
      `[services ${ADMIN_PROFILE}-services]`,
      'cognito_identity_provider =',
      `  endpoint_url = ${endpoints.cognitoUrl}`,
      'cognito_identity =',
      `  endpoint_url = ${endpoints.cognitoUrl}`,
      'dynamodb =',
      `  endpoint_url = ${endpoints.dynamoDbUrl}`,
      ...(endpoints.s3Url ? ['s3 =', `  endpoint_url = ${endpoints.s3Url}`, '  addressing_style = path'] : []),
      '',
    ].join('\n'),
    0o600,
  );
  const environment = { AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: configFile, AWS_PROFILE: ADMIN_PROFILE };
  const quote = (v: string) => (/^[\w@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);
  return {
    credentialsFile,
    configFile,
    environment,
    envLine: Object.entries(environment)
      .map(([k, v]) => `${k}=${quote(v)}`)
      .join(' '),
  };
}
