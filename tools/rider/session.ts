import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../local/atomic-file.js';
import { NotSignedInError } from '../shared/errors.js';
import type { AwsCredentials } from '../shared/identity-credentials.js';
import type { Target } from '../shared/target.js';

/** What `sign-in` keeps between commands: the tokens Cognito issued, and the identity pool's credentials once fetched. */
export interface RiderSession {
  username: string;
  userPoolId: string;
  userPoolClientId: string;
  idToken: string;
  accessToken: string;
  refreshToken?: string;
  /** How the rider signed in: SRP (the default), or the hosted UI, whose tokens carry the API's scopes and refresh at /oauth2/token. */
  via?: 'srp' | 'hosted-ui';
  identityId?: string;
  credentials?: AwsCredentials;
}

/**
 * Where the session of a stack's rider is kept, one file per user pool:
 * - the local cloud: its data folder (`.wild-rydes/data/rider/<poolId>.json`),
 *   which is git-ignored and goes with the local users;
 * - a deployed stack: the user's config folder,
 *   `$XDG_CONFIG_HOME/wild-rydes/rider/<stack>-<poolId>.json` (`~/.config` by default).
 * The file is 0600 in a 0700 folder: a refresh token is a password for 30 days.
 */
export function sessionFile(target: Target): string {
  const name = `${target.local ? '' : `${target.stackName}-`}${target.userPoolId}.json`.replace(/[^\w.-]/g, '_');
  if (target.local && target.dataDir) return join(target.dataDir, 'rider', name);
  const config = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(config, 'wild-rydes', 'rider', name);
}

export function saveSession(target: Target, session: RiderSession): string {
  const file = sessionFile(target);
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  writeFileAtomic(file, `${JSON.stringify(session, null, 2)}\n`, 0o600);
  return file;
}

export function readSession(target: Target): RiderSession {
  const file = sessionFile(target);
  if (!existsSync(file)) {
    throw new NotSignedInError(`No rider is signed in to ${target.stackName} (no ${file}). Run \`npm run rider -- sign-in --email <email> --password <password>\` first.`);
  }
  let session: RiderSession;
  try {
    session = JSON.parse(readFileSync(file, 'utf8')) as RiderSession;
  } catch {
    throw new NotSignedInError(`${file} is damaged. Delete it and sign in again with \`npm run rider -- sign-in\`.`);
  }
  if (session.userPoolId !== target.userPoolId || typeof session.idToken !== 'string') {
    throw new NotSignedInError(`${file} is for another user pool. Sign in again with \`npm run rider -- sign-in\`.`);
  }
  return session;
}

export function forgetSession(target: Target): void {
  rmSync(sessionFile(target), { force: true });
}
