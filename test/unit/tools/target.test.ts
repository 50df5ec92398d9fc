import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BadOutputsError, OutputsNotFoundError, UsageError } from '../../../tools/shared/errors.js';
import { loadTarget } from '../../../tools/shared/target.js';

const dir = mkdtempSync(join(tmpdir(), 'wr-target-'));
const DEPLOYED = {
  ApiUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/',
  Region: 'eu-west-1',
  UserPoolId: 'eu-west-1_AbC123',
  UserPoolClientId: 'client',
  IdentityPoolId: 'eu-west-1:0000',
  WebsiteUrl: 'https://d1.cloudfront.net',
  AuthMode: 'iam',
};
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('loadTarget: the stack a tool talks to', () => {
  it('reads a deployed stack from `cdk deploy --outputs-file`: AWS endpoints, no admin key', () => {
    const t = loadTarget({ outputs: file('deployed.json', { WildRydes: DEPLOYED }) });
    expect(t).toMatchObject({ stackName: 'WildRydes', local: false, authMode: 'iam', region: 'eu-west-1', apiUrl: DEPLOYED.ApiUrl });
    expect(t.userPoolEndpoint).toBeUndefined();
    expect(t.admin).toBeUndefined();
  });

  it('reads the local cloud\'s file: its endpoints, mailbox, data folder and administrator key', () => {
    const local = { ...DEPLOYED, ApiUrl: 'http://127.0.0.1:3001/prod', UserPoolEndpoint: 'http://127.0.0.1:3002', MailboxUrl: 'http://127.0.0.1:3002/_local/mailbox', DataDir: '/d', AdminAccessKeyId: 'AKIAX', AdminSecretAccessKey: 's', ApiKey: 'k' };
    const t = loadTarget({ outputs: file('local.json', { WildRydes: local }) });
    expect(t).toMatchObject({ local: true, apiUrl: 'http://127.0.0.1:3001/prod/', identityPoolEndpoint: 'http://127.0.0.1:3002', dataDir: '/d', admin: { accessKeyId: 'AKIAX', secretAccessKey: 's' }, apiKey: 'k' });
  });

  it('no file: says the local cloud is not running and how to start it, or names the missing --outputs file', () => {
    expect(() => loadTarget({ cwd: dir })).toThrow(OutputsNotFoundError);
    expect(() => loadTarget({ cwd: dir })).toThrow(/The local cloud is not running: .*\.wild-rydes\/outputs\.json is missing.*npm start/);
    expect(() => loadTarget({ outputs: join(dir, 'nope.json') })).toThrow(/no outputs file at .*nope\.json.*--outputs-file/);
  });

  it('several stacks need --stack; a missing output is named', () => {
    const two = file('two.json', { A: DEPLOYED, B: DEPLOYED });
    expect(() => loadTarget({ outputs: two })).toThrow(UsageError);
    expect(() => loadTarget({ outputs: two })).toThrow(/several stacks \(A, B\); choose one with --stack/);
    expect(loadTarget({ outputs: two, stack: 'B' }).stackName).toBe('B');
    expect(() => loadTarget({ outputs: two, stack: 'C' })).toThrow(/no stack named C/);
    const { AuthMode: _, ...withoutMode } = DEPLOYED;
    expect(() => loadTarget({ outputs: file('old.json', { WildRydes: withoutMode }) })).toThrow(/has no AuthMode output/);
    expect(() => loadTarget({ outputs: file('bad.json', '{') })).toThrow(BadOutputsError);
    expect(() => loadTarget({ outputs: file('mode.json', { W: { ...DEPLOYED, AuthMode: 'magic' } }) })).toThrow(/AuthMode "magic" .* none of none, cognito, iam, lambda/);
  });
});
