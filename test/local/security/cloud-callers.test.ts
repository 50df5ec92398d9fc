import { DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeDynamoCall } from '../../../local/dynamodb/authorize.js';
import { createLocalStack, readStack, type LocalStack } from '../../../local/template/index.js';
import { amplifyRider, configureAmplify } from '../support/amplify.js';
import { PICKUP, removeAssemblies, startTestCloud, synthFor, type TestCloud } from '../support/cloud.js';
import { send, signCall, type Credentials } from '../support/sigv4-client.js';

/**
 * Issue 8: nothing behind the API is open. DynamoDB checks every signature and
 * holds role sessions (identity-pool credentials, each function's role) to
 * their policies; the admin credentials live in the data folder and work as an
 * AWS CLI profile.
 */
let assemblyDir: string;
let stack: LocalStack;
let t: TestCloud;
let rider: Credentials;

beforeAll(async () => {
  assemblyDir = await synthFor('iam');
  const synthesized = readStack(assemblyDir);
  stack = createLocalStack({ stackName: synthesized.stackName, template: synthesized.template, assemblyDir });
  t = await startTestCloud('iam', assemblyDir);
  configureAmplify(t.out);
  rider = (await amplifyRider(t.out)).credentials!;
});
afterAll(async () => {
  await t?.close();
  removeAssemblies();
});

const rawDynamo = (headers: Record<string, string>, body: unknown) =>
  fetch(t.out.DynamoDbEndpoint!, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.Scan', ...headers },
    body: JSON.stringify(body),
  });

async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await promise;
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

describe('DynamoDB asks every caller for a valid signature', () => {
  it('refuses an unsigned Scan and a forged `Signature=00`, and reads nothing', async () => {
    const unsigned = await rawDynamo({}, { TableName: t.tableName });
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toEqual({ __type: 'com.amazon.coral.service#MissingAuthenticationTokenException', message: 'Request is missing Authentication Token' });

    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    const amzDate = `${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
    const forged = (key: string) =>
      rawDynamo(
        { 'x-amz-date': amzDate, authorization: `AWS4-HMAC-SHA256 Credential=${key}/${day}/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=00` },
        { TableName: t.tableName },
      );
    const wrongSignature = await forged(t.cloud.adminCredentials.accessKeyId);
    expect(wrongSignature.status).toBe(400);
    const body = (await wrongSignature.json()) as { __type: string; message: string; Items?: unknown };
    expect(body.__type).toBe('com.amazon.coral.service#InvalidSignatureException');
    expect(body.message).toMatch(/^The request signature we calculated does not match the signature you provided/);
    expect(body.Items).toBeUndefined();

    const stranger = await forged('AKIAIOSFODNN7EXAMPLE');
    expect(await stranger.json()).toEqual({ __type: 'com.amazon.coral.service#UnrecognizedClientException', message: 'The security token included in the request is invalid' });
  });

  it('refuses a rider\'s identity-pool credentials: their role may not Scan the rides table', async () => {
    const client = new DynamoDBClient({ region: 'us-east-1', endpoint: t.out.DynamoDbEndpoint!, credentials: rider, maxAttempts: 1 });
    try {
      const denied = await failure(client.send(new ScanCommand({ TableName: t.tableName })));
      expect(denied.name).toBe('AccessDeniedException');
      expect(denied.status).toBe(400);
      expect(denied.message).toMatch(
        new RegExp(
          `^User: arn:aws:sts::${stack.accountId}:assumed-role/[^/]+/CognitoIdentityCredentials is not authorized to perform: dynamodb:Scan ` +
            `on resource: arn:aws:dynamodb:us-east-1:${stack.accountId}:table/${t.tableName} because no identity-based policy allows the dynamodb:Scan action$`,
        ),
      );
      expect((await failure(client.send(new PutItemCommand({ TableName: t.tableName, Item: { RideId: { S: 'forged' } } })))).name).toBe('AccessDeniedException');
    } finally {
      client.destroy();
    }
    expect((await t.rides()).some((r) => r.RideId === 'forged')).toBe(false);
  });

  it('lets the ride function book rides with its own role\'s credentials, and the admin read them', async () => {
    const r = await send(await signCall(t.out.ApiUrl!, 'ride', rider, { body: JSON.stringify(PICKUP) }));
    expect(r.status).toBe(201);
    expect((await t.rides()).some((ride) => ride.RideId === r.json.RideId)).toBe(true);
  });
});

describe('each function is held to its own role (unit: the DynamoDB authorizer with the synthesized template)', () => {
  const functionRole = () => {
    const fn = stack.resourcesOfType('AWS::Lambda::Function').find((id) => typeof stack.resolve<unknown>(stack.template.Resources[id]!.Properties?.Role) === 'string')!;
    const roleArn = stack.resolve<string>(stack.template.Resources[fn]!.Properties!.Role);
    return { kind: 'role' as const, accessKeyId: 'ASIAFUNCTION', secretAccessKey: 's', roleArn, assumedRoleArn: `arn:aws:sts::${stack.accountId}:assumed-role/r/${stack.physicalId(fn)}` };
  };
  const call = (op: string, input: unknown) => authorizeDynamoCall(stack, functionRole(), `DynamoDB_20120810.${op}`, Buffer.from(JSON.stringify(input)));
  const table = () => stack.physicalId(stack.resourcesOfType('AWS::DynamoDB::Table')[0]!);

  it('allows PutItem on its table and nothing else', () => {
    expect(call('PutItem', { TableName: table(), Item: {} })).toBeUndefined();
    for (const op of ['Scan', 'GetItem', 'DeleteItem', 'Query', 'DeleteTable']) {
      expect(call(op, { TableName: table() })?.type, op).toBe('com.amazon.coral.service#AccessDeniedException');
    }
    expect(call('PutItem', { TableName: 'SomeOtherTable', Item: {} })?.message).toContain('table/SomeOtherTable because no identity-based policy allows the dynamodb:PutItem action');
    expect(call('BatchWriteItem', { RequestItems: { [table()]: [] } })).toBeDefined();
    expect(call('PutItem', { Item: {} })).toBeDefined();
  });
});

describe('the local administrator credentials', () => {
  it('are kept in the data folder (0600), in the outputs file (0600), and stay the same after a restart', async () => {
    const file = join(t.dataDir, 'admin-credentials.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(t.cloud.adminCredentials);
    expect(t.cloud.adminCredentials.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(t.cloud.adminCredentials.secretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(statSync(t.cloud.outputsFile).mode & 0o777).toBe(0o600);
    const written = JSON.parse(readFileSync(t.cloud.outputsFile, 'utf8'))[t.cloud.stackName];
    expect(written).toMatchObject({ AdminAccessKeyId: t.cloud.adminCredentials.accessKeyId, AdminSecretAccessKey: t.cloud.adminCredentials.secretAccessKey });
    expect(readFileSync(t.cloud.awsProfile.credentialsFile, 'utf8')).toContain(`aws_access_key_id = ${t.cloud.adminCredentials.accessKeyId}`);
    expect(statSync(t.cloud.awsProfile.credentialsFile).mode & 0o777).toBe(0o600);
    expect(t.cloud.awsProfile.envLine).toBe(
      `AWS_SHARED_CREDENTIALS_FILE=${t.cloud.awsProfile.credentialsFile} AWS_CONFIG_FILE=${t.cloud.awsProfile.configFile} AWS_PROFILE=wild-rydes-local`,
    );

    const before = t.cloud.adminCredentials;
    const dataDir = t.dataDir;
    await t.close(true);
    t = await startTestCloud('iam', assemblyDir, { dataDir });
    configureAmplify(t.out);
    rider = (await amplifyRider(t.out)).credentials!;
    expect(t.cloud.adminCredentials).toEqual(before);
  });

  it('work as the wild-rydes-local profile of the real AWS CLI: admin-create-user, list-users, dynamodb scan', async () => {
    const aws = async (...args: string[]) => {
      // Only the profile: no credentials of this machine's environment may help.
      const env = { PATH: process.env.PATH ?? '', HOME: t.dataDir, ...t.cloud.awsProfile.environment };
      const { stdout } = await promisify(execFile)('aws', args, { env, timeout: 60_000 });
      return stdout;
    };
    const version = await aws('--version').catch((err: NodeJS.ErrnoException) => {
      throw new Error(`the AWS CLI must be on PATH for this test (CI installs it in .ci/run): ${err.message}`);
    });
    expect(version).toMatch(/aws-cli\//);
    const email = `cli-${Date.now()}@example.com`;
    const created = JSON.parse(
      await aws('cognito-idp', 'admin-create-user', '--user-pool-id', t.out.UserPoolId!, '--username', email, '--user-attributes', `Name=email,Value=${email}`, '--message-action', 'SUPPRESS', '--endpoint-url', t.out.UserPoolEndpoint!),
    );
    expect(created.User.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    const listed = JSON.parse(await aws('cognito-idp', 'list-users', '--user-pool-id', t.out.UserPoolId!, '--filter', `email = "${email}"`, '--endpoint-url', t.out.UserPoolEndpoint!));
    expect(listed.Users).toHaveLength(1);
    const scanned = JSON.parse(await aws('dynamodb', 'scan', '--table-name', t.tableName, '--endpoint-url', t.out.DynamoDbEndpoint!));
    expect(Array.isArray(scanned.Items)).toBe(true);
  }, 120_000);
});
