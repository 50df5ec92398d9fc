import { DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { adminIdpClient } from '../../shared/cognito-clients.js';
import { fail, pass, type Checkpoint, type CheckResult } from '../checkpoint.js';

async function check(what: string, fix: string, test: () => Promise<string | undefined>): Promise<CheckResult> {
  try {
    const problem = await test();
    return problem === undefined ? pass(what) : fail(what, problem, fix);
  } catch (err) {
    return fail(what, (err as Error).message, fix);
  }
}

/** Module 0: the local cloud runs, every service answers, and the administrator key works. */
export const setup: Checkpoint = {
  module: '0',
  title: 'Set-up: the local cloud runs',
  async run(probe) {
    const t = probe.target;
    const restart = 'Restart it with `npm start` and wait for the "Ready" block.';
    return Promise.all([
      check(`the website answers at ${t.outputs.WebsiteUrl} and its /config.json names this API`, restart, async () => {
        const response = await fetch(new URL('/config.json', t.outputs.WebsiteUrl));
        if (!response.ok) return `GET /config.json answered ${response.status}`;
        const config = (await response.json()) as { apiUrl?: string };
        return config.apiUrl === t.outputs.ApiUrl ? undefined : `its apiUrl is ${config.apiUrl}, the outputs say ${t.outputs.ApiUrl}`;
      }),
      check(`API Gateway answers at ${t.apiUrl}`, restart, async () => {
        const response = await fetch(new URL('ride', t.apiUrl), { method: 'OPTIONS', headers: { origin: t.outputs.WebsiteUrl ?? 'http://127.0.0.1', 'access-control-request-method': 'POST' } });
        return response.headers.get('x-amzn-requestid') || response.status < 500 ? undefined : `OPTIONS /ride answered ${response.status}`;
      }),
      check("Cognito publishes the user pool's signing keys (JWKS)", restart, async () => {
        const response = await fetch(`${t.userPoolEndpoint}/${t.userPoolId}/.well-known/jwks.json`);
        if (!response.ok) return `the JWKS answered ${response.status}`;
        const jwks = (await response.json()) as { keys?: unknown[] };
        return (jwks.keys?.length ?? 0) > 0 ? undefined : 'the JWKS has no keys';
      }),
      check('the local administrator key (AdminAccessKeyId in the outputs) is accepted by Cognito', 'Delete .wild-rydes/data/admin-credentials.json only if it is damaged; npm start makes a new key.', async () => {
        if (!t.admin) return 'the outputs file has no AdminAccessKeyId / AdminSecretAccessKey';
        const admin = adminIdpClient(t);
        try {
          const answer = await admin.send(new DescribeUserPoolCommand({ UserPoolId: t.userPoolId }));
          return answer.UserPool?.Id === t.userPoolId ? undefined : 'DescribeUserPool named another pool';
        } finally {
          admin.destroy();
        }
      }),
    ]);
  },
};
