import { join } from 'node:path';
import { emptyState, type CognitoState } from './model.js';
import { readJson, writeJsonAtomic } from './store.js';

/**
 * The state in memory and on disk. Every action that changes something calls
 * `commit()` before it answers, so nothing the client was told happened can be
 * lost by killing the process.
 */
export interface StateFile {
  readonly state: CognitoState;
  commit(): void;
}

export function openStateFile(cognitoDir: string, poolIds: string[], identityPoolIds: string[]): StateFile {
  const path = join(cognitoDir, 'state.json');
  const state = readJson<CognitoState>(path) ?? emptyState();
  if (state.version !== 1) throw new Error(`${path} has version ${String(state.version)}; this Cognito reads version 1`);
  for (const id of poolIds) state.userPools[id] ??= { users: {} };
  for (const id of identityPoolIds) state.identityPools[id] ??= { identities: {} };
  return {
    state,
    commit: () => writeJsonAtomic(path, state),
  };
}
