import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AUTH_MODES, isAuthMode, type AuthMode } from '../../lib/auth-mode.js';
import { BadOutputsError, OutputsNotFoundError, UsageError } from './errors.js';

/** Where `npm start` writes its outputs file (local/cli.ts), relative to the project folder. */
export const LOCAL_OUTPUTS_FILE = '.wild-rydes/outputs.json';

export interface AdminKey {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * The stack a tool talks to, read from an outputs file: the local cloud's
 * (`.wild-rydes/outputs.json`, which adds the local endpoints) or a deployed
 * stack's (`cdk deploy --outputs-file cdk-outputs.json`). Both have the shape
 * `{ "<StackName>": { "<OutputKey>": "<value>" } }`.
 */
export interface Target {
  stackName: string;
  outputsFile: string;
  /** True for the local cloud: its outputs name the local endpoints (UserPoolEndpoint…). */
  local: boolean;
  outputs: Record<string, string>;
  region: string;
  /** The API's stage URL, ending with `/`. */
  apiUrl: string;
  authMode: AuthMode;
  userPoolId: string;
  userPoolClientId: string;
  identityPoolId: string;
  /** Local only: where the Cognito user and identity pools answer (deployed: the SDK's default endpoints). */
  userPoolEndpoint?: string;
  identityPoolEndpoint?: string;
  /** Local only: `GET` returns the mails Cognito would have sent. */
  mailboxUrl?: string;
  /** Local only: the local cloud's data folder. */
  dataDir?: string;
  /** Local only: the local administrator's key (deployed: the AWS credential chain). */
  admin?: AdminKey;
  /** The website's API key, when the stack has API keys and the outputs carry the value (local). */
  apiKey?: string;
  /**
   * The token the API takes in Authorization (the ApiTokenUse output): `id`, or `access` (an access
   * token with the API's scopes, from the hosted UI) when the stack has -c requireScopes=true.
   */
  tokenUse: 'id' | 'access';
  /** The hosted UI and OAuth 2.0 endpoints (the UserPoolDomainUrl output), without a trailing slash. */
  domainUrl?: string;
}

export interface TargetOptions {
  /** An outputs file; the local cloud's by default. */
  outputs?: string;
  /** The stack in the file, when it holds several. */
  stack?: string;
  /** Folder to resolve the default outputs file from (the project folder). */
  cwd?: string;
}

function notFound(file: string, explicit: boolean): OutputsNotFoundError {
  if (explicit) {
    return new OutputsNotFoundError(
      `There is no outputs file at ${file}. Deploy with \`npx cdk deploy --outputs-file ${file}\` to write it, or leave out --outputs to use the local cloud.`,
    );
  }
  return new OutputsNotFoundError(
    `The local cloud is not running: ${file} is missing (npm start writes it when ready and removes it when it stops). ` +
      'Start it with `npm start` in another terminal, or pass --outputs cdk-outputs.json for a deployed stack.',
  );
}

/** Reads the outputs file and picks the stack: the only one, or the one named by --stack. */
export function loadTarget(options: TargetOptions = {}): Target {
  const explicit = options.outputs !== undefined;
  const file = resolve(options.cwd ?? process.cwd(), options.outputs ?? LOCAL_OUTPUTS_FILE);
  if (!existsSync(file)) throw notFound(file, explicit);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new BadOutputsError(`${file} is not JSON (${(err as Error).message}). It should be what \`cdk deploy --outputs-file\` or \`npm start\` writes.`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new BadOutputsError(`${file} should be an object of stacks, { "WildRydes": { "ApiUrl": … } }, as \`cdk deploy --outputs-file\` writes it.`);
  }
  const stacks = Object.keys(parsed);
  const stackName = options.stack ?? (stacks.length === 1 ? stacks[0]! : undefined);
  if (stackName === undefined) {
    throw new UsageError(
      stacks.length === 0 ? `${file} holds no stack; deploy again with --outputs-file.` : `${file} holds several stacks (${stacks.join(', ')}); choose one with --stack <name>.`,
    );
  }
  const raw = Object.hasOwn(parsed, stackName) ? (parsed as Record<string, unknown>)[stackName] : undefined;
  if (!raw || typeof raw !== 'object') throw new UsageError(`${file} has no stack named ${stackName}; it has ${stacks.join(', ') || 'none'}.`);
  const outputs: Record<string, string> = Object.create(null);
  for (const [key, value] of Object.entries(raw)) if (typeof value === 'string') outputs[key] = value;
  return targetFromOutputs(stackName, outputs, file);
}

/** The Target of one stack's outputs; a missing output is named, with where it comes from. */
export function targetFromOutputs(stackName: string, outputs: Record<string, string>, outputsFile: string): Target {
  const need = (key: string) => {
    const value = outputs[key];
    if (value === undefined || value === '') {
      throw new BadOutputsError(`The stack ${stackName} in ${outputsFile} has no ${key} output. Deploy this version of the app again (it outputs ${key}).`);
    }
    return value;
  };
  const authMode = need('AuthMode');
  if (!isAuthMode(authMode)) throw new BadOutputsError(`AuthMode "${authMode}" in ${outputsFile} is none of ${AUTH_MODES.join(', ')}.`);
  const apiUrl = need('ApiUrl');
  const local = outputs.UserPoolEndpoint !== undefined;
  return {
    stackName,
    outputsFile,
    local,
    outputs,
    region: need('Region'),
    apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`,
    authMode,
    userPoolId: need('UserPoolId'),
    userPoolClientId: need('UserPoolClientId'),
    identityPoolId: need('IdentityPoolId'),
    ...(local
      ? {
          userPoolEndpoint: outputs.UserPoolEndpoint!,
          identityPoolEndpoint: outputs.IdentityPoolEndpoint ?? outputs.UserPoolEndpoint!,
          ...(outputs.MailboxUrl ? { mailboxUrl: outputs.MailboxUrl } : {}),
          ...(outputs.DataDir ? { dataDir: outputs.DataDir } : {}),
          ...(outputs.AdminAccessKeyId && outputs.AdminSecretAccessKey
            ? { admin: { accessKeyId: outputs.AdminAccessKeyId, secretAccessKey: outputs.AdminSecretAccessKey } }
            : {}),
        }
      : {}),
    ...(outputs.ApiKey ? { apiKey: outputs.ApiKey } : {}),
    tokenUse: outputs.ApiTokenUse === 'access' ? 'access' : 'id',
    ...(outputs.UserPoolDomainUrl ? { domainUrl: outputs.UserPoolDomainUrl.replace(/\/+$/, '') } : {}),
  };
}

/** One line naming the target, for the top of a command's output. */
export function describeTarget(target: Target): string {
  return `${target.local ? 'local cloud' : 'deployed stack'} ${target.stackName} (${target.authMode} mode, ${target.apiUrl})`;
}
