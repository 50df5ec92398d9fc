import { describe, expect, it } from 'vitest';
import { readyBlock } from '../../../local/ready-block.js';

const cloud = {
  stackName: 'WildRydes',
  authMode: 'cognito' as const,
  urls: { website: 'http://127.0.0.1:3000', api: 'http://127.0.0.1:3001/prod/', cognito: 'http://127.0.0.1:3002', dynamodb: 'http://127.0.0.1:3003', mailbox: 'http://127.0.0.1:3002/_local/mailbox' },
  dataDir: '/tmp/wr/data',
  outputsFile: '/tmp/wr/outputs.json',
  adminCredentials: { accessKeyId: 'AKIAABCDEFGHIJKLMNOP', secretAccessKey: 'S'.repeat(40) },
  awsProfile: { credentialsFile: '', configFile: '', environment: {}, envLine: 'AWS_PROFILE=wild-rydes-local' },
  outputs: { WildRydes: { UserPoolId: 'us-east-1_Local1234', UserPoolDomainUrl: 'http://127.0.0.1:3002' } },
};

describe('the ready block and the hosted UI', () => {
  it('names the local Cognito domain and prints the link that starts a hosted-UI sign-in', () => {
    const block = readyBlock(cloud as never, true, '127.0.0.1');
    expect(block).toMatch(/Hosted UI\s+http:\/\/127\.0\.0\.1:3002 /);
    expect(block).toContain('sign in through it: http://127.0.0.1:3000/signin?hostedUi=1');
  });

  it('with -c requireScopes=true (ApiTokenUse access), says how the rider CLI gets those tokens', () => {
    expect(readyBlock(cloud as never, true, '127.0.0.1')).not.toContain('sign-in --hosted-ui');
    const scoped = { ...cloud, outputs: { WildRydes: { ...cloud.outputs.WildRydes, ApiTokenUse: 'access' } } };
    expect(readyBlock(scoped as never, true, '127.0.0.1')).toContain('the API wants its access tokens (-c requireScopes=true): npm run rider -- sign-in --hosted-ui');
  });

  it('says nothing of a hosted UI when the stack has no domain', () => {
    const block = readyBlock({ ...cloud, outputs: { WildRydes: { UserPoolId: 'us-east-1_Local1234' } } } as never, true, '127.0.0.1');
    expect(block).not.toContain('Hosted UI');
  });
});
