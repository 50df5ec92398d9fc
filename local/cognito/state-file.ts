import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { removeStaleTempFiles } from '../atomic-file.js';
import { MAILBOX_LIMIT } from './mailbox.js';
import type { CognitoState, GroupRecord, IdentityRecord, MailMessage, UserRecord } from './model.js';
import type { Input } from './params.js';
import { CognitoStateVersionError, mailKey, RecordStore, type StoreOp } from './record-store.js';
import { fromRecords, mergeLegacy, prune, type PlainState } from './state-records.js';
import { readJson } from './store.js';
import { trackedList, trackedRecords, type Dirty } from './tracked-state.js';

/**
 * The state in memory, and on disk in a LevelDB (`<dataDir>/cognito/state.db/`,
 * one key per record: see record-store.ts).
 *
 * Every action that changes something mutates `state` and calls `commit()`
 * before it answers. `commit()` takes no arguments: the state's record maps
 * track which records were touched (tracked-state.ts), and `commit()` queues
 * exactly those for one LevelDB batch, so a write costs O(records changed),
 * not O(state). LevelDB is asynchronous, so the batch is on disk once
 * `flushed()` settles; `durable()` wraps the actions so that every answer,
 * success or error, waits for it: nothing the client was told happened can be
 * lost by killing the process.
 *
 * All of it is loaded into memory at start (10 000 users is a few MB); the
 * maps have no prototype, so an id like `__proto__` from a request finds
 * nothing.
 */
export interface StateFile {
  readonly state: CognitoState;
  /** Queues every change made to `state` since the last commit for the disk. */
  commit(): void;
  /** Settles once everything committed so far is on disk; rejects if that write failed. */
  flushed(): Promise<void>;
  /** Waits for the last write and closes the store (releasing its LOCK). */
  close(): Promise<void>;
}

export interface StateFileOptions {
  now?: () => number;
  log?: (line: string) => void;
}

/** The store's folder under the Cognito folder, and the file it replaced. */
export const STATE_DB = 'state.db';
export const LEGACY_STATE_FILE = 'state.json';

export async function openStateFile(cognitoDir: string, poolIds: string[], identityPoolIds: string[], options: StateFileOptions = {}): Promise<StateFile> {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  for (const name of removeStaleTempFiles(cognitoDir)) log(`[cognito] removed ${name}, left by a write that was cut short`);

  const store = await RecordStore.open(join(cognitoDir, STATE_DB));
  try {
    const plain = fromRecords(await store.all());
    await importLegacy(cognitoDir, plain, store, log);
    store.write(prune(plain, now(), MAILBOX_LIMIT));
    await store.flushed();
    return track(plain, store, poolIds, identityPoolIds);
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
}

/**
 * The first start after an upgrade: `state.json` (version 1, rewritten whole
 * by the old code) is imported in one batch, then renamed to
 * `state.json.migrated` (kept, not deleted). A start cut short between the
 * two imports it again, which only rewrites the same records.
 */
async function importLegacy(cognitoDir: string, plain: PlainState, store: RecordStore, log: (line: string) => void): Promise<void> {
  const path = join(cognitoDir, LEGACY_STATE_FILE);
  if (!existsSync(path)) return;
  const legacy = readJson<CognitoState>(path)!;
  if (legacy.version !== 1) throw new CognitoStateVersionError(`${path} has version ${String(legacy.version)}; this Cognito reads version 1`);
  const ops = mergeLegacy(plain, legacy);
  store.write(ops);
  await store.flushed();
  renameSync(path, `${path}.migrated`);
  log(`[cognito] imported ${ops.length} records from ${path} into ${join(cognitoDir, STATE_DB)}; the old file is kept as ${LEGACY_STATE_FILE}.migrated`);
}

function track(plain: PlainState, store: RecordStore, poolIds: string[], identityPoolIds: string[]): StateFile {
  const dirty: Dirty = new Map();
  const userPools = Object.create(null) as CognitoState['userPools'];
  const identityPools = Object.create(null) as CognitoState['identityPools'];
  // Pools of the template, and any the store still holds records of (a pool removed from the template keeps its users).
  for (const id of new Set([...poolIds, ...Object.keys(plain.users), ...Object.keys(plain.groups)])) {
    plain.users[id] ??= Object.create(null) as Record<string, UserRecord>;
    plain.groups[id] ??= Object.create(null) as Record<string, GroupRecord>;
    userPools[id] = Object.freeze({ users: trackedRecords(plain.users[id], `user/${id}/`, dirty), groups: trackedRecords(plain.groups[id], `group/${id}/`, dirty) });
  }
  for (const id of new Set([...identityPoolIds, ...Object.keys(plain.identities)])) {
    plain.identities[id] ??= Object.create(null) as Record<string, IdentityRecord>;
    identityPools[id] = Object.freeze({ identities: trackedRecords(plain.identities[id], `identity/${id}/`, dirty) });
  }

  // The mailbox is a list (deliver() pushes and drops the oldest): at a commit
  // after it changed, new messages get the next sequence numbers and those
  // dropped are deleted. MAILBOX_LIMIT bounds it, so this is O(1) per write.
  const seqOf = new WeakMap<MailMessage, number>();
  for (const { seq, message } of plain.mailbox) seqOf.set(message, seq);
  let onDisk = new Set(plain.mailbox.map((m) => m.seq));
  let nextSeq = (plain.mailbox.at(-1)?.seq ?? -1) + 1;
  const rawMailbox = plain.mailbox.map((m) => m.message);
  let mailboxDirty = false;
  const mailboxOps = (): StoreOp[] => {
    const ops: StoreOp[] = [];
    const kept = new Set<number>();
    for (const message of rawMailbox) {
      let seq = seqOf.get(message);
      if (seq === undefined || kept.has(seq)) {
        seq = nextSeq++;
        seqOf.set(message, seq);
        ops.push({ type: 'put', key: mailKey(seq), value: JSON.stringify(message) });
      }
      kept.add(seq);
    }
    for (const seq of onDisk) if (!kept.has(seq)) ops.push({ type: 'del', key: mailKey(seq) });
    onDisk = kept;
    return ops;
  };

  const state: CognitoState = Object.freeze({
    version: 1 as const,
    userPools: Object.freeze(userPools),
    identityPools: Object.freeze(identityPools),
    credentials: trackedRecords(plain.credentials, 'cred/', dirty),
    mailbox: trackedList(rawMailbox, () => {
      mailboxDirty = true;
    }),
  });

  return {
    state,
    commit() {
      const ops: StoreOp[] = [];
      for (const [key, read] of dirty) {
        const value = read();
        ops.push(value === undefined ? { type: 'del', key } : { type: 'put', key, value: JSON.stringify(value) });
      }
      dirty.clear();
      if (mailboxDirty) ops.push(...mailboxOps());
      mailboxDirty = false;
      store.write(ops);
    },
    flushed: () => store.flushed(),
    close: () => store.close(),
  };
}

type Actions = Record<string, (input: Input) => unknown>;

/**
 * The actions, each answering only once what it committed is on disk: the
 * HTTP layer sends what an action returns (or throws) as soon as it settles,
 * so waiting here is what makes "acknowledged" mean "durable". Errors wait
 * too: a wrong password or code is counted, and must stay counted. A failed
 * write fails the request (a 500), never silently.
 */
export function durable<T extends Actions>(actions: T, file: Pick<StateFile, 'flushed'>): T {
  const wrapped = Object.create(null) as Actions;
  for (const [name, action] of Object.entries(actions)) {
    wrapped[name] = async (input: Input) => {
      try {
        return await action(input);
      } finally {
        await file.flushed();
      }
    };
  }
  return wrapped as T;
}
