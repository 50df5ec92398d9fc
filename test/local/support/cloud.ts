import { CognitoIdentityProviderClient, ConfirmSignUpCommand, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCloud, type AuthMode, type LocalCloud } from '../../../local/cloud.js';
import { synthesizeCached } from '../../../local/synth-cache.js';
import type { CfnTemplate } from '../../../local/template/index.js';
import { readResponse } from '../../support/read-response.js';
import { SHARED_SYNTH_CACHE } from '../../support/synth-cache-dir.js';
import { uniqueEmail } from '../../support/unique-email.js';

export { uniqueEmail };

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const PASSWORD = 'Unicorn-Rides-42!';
export const PICKUP = { PickupLocation: { Latitude: 47.6062, Longitude: -122.3321 } };

/** Temporary assemblies of this test file; `removeAssemblies()` in its afterAll deletes them. */
const temporary: string[] = [];
export function removeAssemblies() {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
}


/**
 * The real CDK app, synthesized in-process for one auth mode (function bundled).
 * Shared between test files through a cache keyed by the hash of the app's
 * sources and the options, so a mode is synthesized once per change, not once per
 * file; tests never write into it (patchedAssembly copies).
 */
export async function synthFor(authMode: AuthMode, context?: Record<string, string>): Promise<string> {
  return (await synthesizeCached({ authMode, cacheDir: SHARED_SYNTH_CACHE, ...(context ? { context } : {}) })).assemblyDir;
}

/** A copy of an assembly with its template changed: how a test shows the local API follows the stack. */
export function patchedAssembly(assemblyDir: string, patch: (template: CfnTemplate) => void): string {
  const copy = mkdtempSync(join(tmpdir(), 'wr-asm-patched-'));
  temporary.push(copy);
  cpSync(assemblyDir, copy, { recursive: true });
  const file = join(copy, 'WildRydes.template.json');
  const template = JSON.parse(readFileSync(file, 'utf8')) as CfnTemplate;
  patch(template);
  writeFileSync(file, JSON.stringify(template));
  return copy;
}

/** A clock that follows real time, moved by tests to issue tokens and credentials that are already expired. */
export class TestClock {
  offsetMs = 0;
  now = () => Date.now() + this.offsetMs;
}

export interface TestCloud {
  cloud: LocalCloud;
  out: Record<string, string>;
  dataDir: string;
  clock: TestClock;
  logLines: string[];
  idp: CognitoIdentityProviderClient;
  dynamo: DynamoDBClient;
  tableName: string;
  /** Every item of the rides table. */
  rides(): Promise<Record<string, unknown>[]>;
  post(path: string, init?: { body?: string; headers?: Record<string, string>; method?: string }): Promise<{ status: number; headers: Headers; text: string; json: any }>;
  invocations(): number;
  /** Stops the cloud; the data folder is removed unless kept for a restart. */
  close(keepData?: boolean): Promise<void>;
}

export async function startTestCloud(authMode: AuthMode, assemblyDir: string, options: { dataDir?: string; clock?: TestClock } = {}): Promise<TestCloud> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), `wr-data-${authMode}-`));
  const clock = options.clock ?? new TestClock();
  const logLines: string[] = [];
  // Functions start on their first request: most files call one or two of them.
  const cloud = await startLocalCloud({ authMode, dataDir, assemblyDir, cognitoNow: clock.now, log: (line) => logLines.push(line), warmFunctions: false });
  const out = cloud.outputs[cloud.stackName]!;
  // The local administrator's key: DynamoDB checks every signature, and Cognito those of its admin actions.
  const clientConfig = { region: out.Region!, credentials: { ...cloud.adminCredentials }, maxAttempts: 1 };
  const idp = new CognitoIdentityProviderClient({ ...clientConfig, endpoint: out.UserPoolEndpoint! });
  const dynamo = new DynamoDBClient({ ...clientConfig, endpoint: out.DynamoDbEndpoint! });
  const tables = (await dynamo.send(new ListTablesCommand({}))).TableNames ?? [];
  if (tables.length !== 1) throw new Error(`expected one table, found ${tables.join(', ')}`);
  const tableName = tables[0]!;
  return {
    cloud,
    out,
    dataDir,
    clock,
    logLines,
    idp,
    dynamo,
    tableName,
    async rides() {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, any> | undefined;
      do {
        const page = await dynamo.send(new ScanCommand({ TableName: tableName, ...(start ? { ExclusiveStartKey: start } : {}) }));
        for (const item of page.Items ?? []) items.push(Object.fromEntries(Object.entries(item).map(([k, v]) => [k, Object.values(v)[0]])));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    },
    async post(path, init = {}) {
      const response = await fetch(new URL(path, out.ApiUrl), {
        method: init.method ?? 'POST',
        headers: { 'content-type': 'application/json', origin: out.WebsiteUrl!, ...(init.headers ?? {}) },
        ...(init.method === 'OPTIONS' || init.method === 'GET' ? {} : { body: init.body ?? JSON.stringify(PICKUP) }),
      });
      return readResponse(response);
    },
    invocations: () => Object.values(cloud.invocations()).reduce((a, b) => a + b, 0),
    async close(keepData = false) {
      idp.destroy();
      dynamo.destroy();
      await cloud.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}


/** The latest code mailed to an address, read from the local mailbox over HTTP as a person would. */
export async function codeFromMailbox(mailboxUrl: string, email: string): Promise<string> {
  const messages = (await (await fetch(mailboxUrl)).json()) as { to: string; code: string }[];
  const message = messages.filter((m) => m.to === email).at(-1);
  if (!message) throw new Error(`no mail for ${email} in ${mailboxUrl}`);
  return message.code;
}

/** A rider signed up, confirmed and signed in over the Cognito API (password flow: quick, for bulk riders). */
export async function quickRider(t: TestCloud): Promise<{ email: string; idToken: string }> {
  const email = uniqueEmail();
  const clientId = t.out.UserPoolClientId!;
  await t.idp.send(new SignUpCommand({ ClientId: clientId, Username: email, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: email }] }));
  await t.idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: await codeFromMailbox(t.out.MailboxUrl!, email) }));
  const auth = await t.idp.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } }),
  );
  return { email, idToken: auth.AuthenticationResult!.IdToken! };
}
