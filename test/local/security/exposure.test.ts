import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, isLoopbackHost } from '../../../local/http/loopback.js';
import { exposureWarning, readyBlock } from '../../../local/ready-block.js';

const cloud = {
  stackName: 'WildRydes',
  authMode: 'cognito' as const,
  urls: { website: 'http://127.0.0.1:3000', api: 'http://127.0.0.1:3001/prod/', cognito: 'http://127.0.0.1:3002', dynamodb: 'http://127.0.0.1:3003', mailbox: 'http://127.0.0.1:3002/_local/mailbox', s3: 'http://127.0.0.1:3004' },
  dataDir: '/tmp/wr/data',
  outputsFile: '/tmp/wr/outputs.json',
  adminCredentials: { accessKeyId: 'AKIAABCDEFGHIJKLMNOP', secretAccessKey: 'S'.repeat(40) },
  awsProfile: {
    credentialsFile: '/tmp/wr/data/aws/credentials',
    configFile: '/tmp/wr/data/aws/config',
    environment: { AWS_SHARED_CREDENTIALS_FILE: '/tmp/wr/data/aws/credentials', AWS_CONFIG_FILE: '/tmp/wr/data/aws/config', AWS_PROFILE: 'wild-rydes-local' },
    envLine: 'AWS_SHARED_CREDENTIALS_FILE=/tmp/wr/data/aws/credentials AWS_CONFIG_FILE=/tmp/wr/data/aws/config AWS_PROFILE=wild-rydes-local',
  },
  outputs: { WildRydes: { UserPoolId: 'us-east-1_Local1234' } },
};

describe('npm start tells what it exposes', () => {
  it('prints the admin key, its secret and the AWS CLI profile line in the ready block', () => {
    const block = readyBlock(cloud, true, '127.0.0.1');
    expect(block).toContain('AKIAABCDEFGHIJKLMNOP');
    expect(block).toContain('S'.repeat(40));
    expect(block).toContain(cloud.awsProfile.envLine);
    expect(block).toContain('aws cognito-idp list-users --user-pool-id us-east-1_Local1234 --endpoint-url http://127.0.0.1:3002');
    expect(block).not.toContain('WARNING');
  });

  it('warns when --host is not loopback, naming what the network can reach and that the mailbox stays local', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20']) {
      const block = readyBlock(cloud, true, host);
      expect(block).toContain(`WARNING: --host ${host} is not a loopback address`);
      expect(block).toMatch(/Cognito/);
      expect(block).toMatch(/DynamoDB/);
      expect(block).toMatch(/mailbox .* this machine only/);
    }
    for (const host of ['127.0.0.1', '127.0.0.2', '::1', 'localhost']) expect(exposureWarning(host)).toBe('');
  });

  it('tells loopback socket addresses from others', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ['10.0.0.1', '::ffff:10.0.0.1', '0.0.0.0', '::', 'fe80::1', '1127.0.0.1', undefined]) expect(isLoopbackAddress(a), String(a)).toBe(false);
    expect(isLoopbackHost('localhost')).toBe(true);
  });
});

describe('the origins Cognito lets browsers call it from', () => {
  it('takes the stack\'s explicit allowedOrigins (the functions\' ALLOWED_ORIGINS), never its wildcard', async () => {
    const { createLocalStack } = await import('../../../local/template/index.js');
    const { stackAllowedOrigins } = await import('../../../local/outputs.js');
    const fn = (origins: string) => ({ Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x', Environment: { Variables: { ALLOWED_ORIGINS: origins } } } });
    const stack = createLocalStack({
      stackName: 'WildRydes',
      template: { Resources: { Ride: fn('https://rides.example,*'), Other: fn('https://admin.example, not an origin,https://rides.example/path') } },
      assemblyDir: '/tmp',
    });
    expect(stackAllowedOrigins(stack).sort()).toEqual(['https://admin.example', 'https://rides.example']);
  });
});
