import { relative } from 'node:path';
import { AUTH_MODES, type LocalCloud } from './cloud.js';
import { isLoopbackHost } from './http/loopback.js';

type ReadyCloud = Pick<LocalCloud, 'stackName' | 'authMode' | 'urls' | 'dataDir' | 'outputsFile' | 'adminCredentials' | 'awsProfile' | 'outputs'>;

/**
 * What `--host` opens to other machines when it is not a loopback address, or
 * '' when only this machine can connect. The mailbox and every `/_local/*`
 * route still answer loopback clients only; the services themselves do not.
 */
export function exposureWarning(host: string): string {
  if (isLoopbackHost(host)) return '';
  return [
    `WARNING: --host ${host} is not a loopback address, so other machines on your network can reach:`,
    '  - the website and the API (in authMode=none, anyone can book rides),',
    '  - Cognito: anyone can sign up and sign in (admin actions still need the admin key),',
    '  - DynamoDB: every call still needs a signature from the admin key or a role session.',
    '  - S3: every request still needs a signature; riders reach only their own prefixes.',
    '  The mailbox (verification and reset codes) and /_local/* still answer this machine only.',
    '  Use --host 127.0.0.1 (the default) unless you mean to share the local cloud.',
    '',
  ].join('\n');
}

/** The block `npm start` prints once everything answers. */
export function readyBlock(cloud: ReadyCloud, websiteBuilt: boolean, host: string): string {
  const rel = (p: string) => relative(process.cwd(), p) || '.';
  const out = cloud.outputs[cloud.stackName] ?? {};
  const rows: [string, string][] = [
    ['Website', `${cloud.urls.website}${websiteBuilt ? '' : '   (not built yet: run npm run build:website, then reload)'}`],
    ['API', cloud.urls.api],
    ['Auth mode', `${cloud.authMode}   (another: npm start -- --auth-mode ${AUTH_MODES.filter((m) => m !== cloud.authMode).join('|')})`],
    ...(out.UserPoolDomainUrl
      ? ([
          ['Hosted UI', `${out.UserPoolDomainUrl}   (the Cognito domain: /oauth2/authorize, /oauth2/token, /login, /logout)`],
          ['', `sign in through it: ${cloud.urls.website}/signin?hostedUi=1`],
          // -c requireScopes=true: the API takes the hosted UI's access tokens only, the rider CLI's SRP ones no longer.
          ...(out.ApiTokenUse === 'access' ? ([['', 'the API wants its access tokens (-c requireScopes=true): npm run rider -- sign-in --hosted-ui']] as [string, string][]) : []),
        ] as [string, string][])
      : []),
    ['Codes arrive', `in the local mailbox: ${cloud.urls.mailbox} (also printed here)`],
    ['Admin key', `${cloud.adminCredentials.accessKeyId}   secret ${cloud.adminCredentials.secretAccessKey}`],
    ['', `(Cognito admin actions and every DynamoDB call must be signed with it; kept in ${rel(cloud.dataDir)}/admin-credentials.json)`],
    ['AWS CLI', cloud.awsProfile.envLine],
    ['', `aws cognito-idp list-users --user-pool-id ${out.UserPoolId ?? '<pool>'} --endpoint-url ${cloud.urls.cognito}`],
    ...(out.RiderFilesBucket ? ([['', `aws s3api list-objects-v2 --bucket ${out.RiderFilesBucket} --endpoint-url ${cloud.urls.s3}`]] as [string, string][]) : []),
    ['Data folder', rel(cloud.dataDir)],
    ['Outputs', `${rel(cloud.outputsFile)}   (mode 0600: it holds the admin secret)`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const warning = exposureWarning(host);
  return [
    '',
    `Wild Rydes is running locally (stack ${cloud.stackName}).`,
    '',
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
    '',
    ...(warning ? [warning] : []),
    'Press Ctrl-C to stop; everything is kept in the data folder for the next start.',
    '',
  ].join('\n');
}
