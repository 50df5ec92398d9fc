import type { CognitoState, GroupRecord, IdentityRecord, MailMessage, StoredCredentials, UserRecord } from './model.js';
import { credentialsKey, identityKey, mailKey, parseKey, userKey, type StoreOp } from './record-store.js';

/**
 * Cognito's state as plain null-prototype maps, between the store's records
 * and the tracked state the actions see: built from the store at start,
 * merged with a legacy `state.json`, pruned, and turned back into records.
 */
export interface PlainState {
  users: Record<string, Record<string, UserRecord>>;
  identities: Record<string, Record<string, IdentityRecord>>;
  /** Groups made with CreateGroup, per user pool. */
  groups: Record<string, Record<string, GroupRecord>>;
  credentials: Record<string, StoredCredentials>;
  /** Oldest first, each with its sequence number in the store. */
  mailbox: { seq: number; message: MailMessage }[];
}

/** How long expired credentials are kept: the same day identity-pool-actions.ts keeps them, so a late request still hears "expired". */
export const EXPIRED_CREDENTIALS_KEPT_MS = 24 * 3600_000;

const nullMap = <T>(from?: Record<string, T>): Record<string, T> => Object.assign(Object.create(null) as Record<string, T>, from);

/** Maps inside records keyed by data (attribute names, session ids, provider names) get no prototype either. */
function normalizeUser(user: UserRecord): UserRecord {
  user.attributes = nullMap(user.attributes);
  user.sessions = nullMap(user.sessions);
  user.codesSentAt ??= [];
  return user;
}

function normalizeIdentity(identity: IdentityRecord): IdentityRecord {
  identity.logins = nullMap(identity.logins);
  return identity;
}

export function emptyPlainState(): PlainState {
  return { users: nullMap(), identities: nullMap(), groups: nullMap(), credentials: nullMap(), mailbox: [] };
}

const poolOf = <T>(maps: Record<string, Record<string, T>>, poolId: string) => (maps[poolId] ??= nullMap());

/** The store's records; keys it does not know are ignored (and left alone). */
export function fromRecords(entries: Iterable<[string, string]>): PlainState {
  const plain = emptyPlainState();
  for (const [key, value] of entries) {
    const parsed = parseKey(key);
    if (!parsed) continue;
    if (parsed.kind === 'user') poolOf(plain.users, parsed.poolId)[parsed.id] = normalizeUser(JSON.parse(value) as UserRecord);
    else if (parsed.kind === 'group') poolOf(plain.groups, parsed.poolId)[parsed.id] = JSON.parse(value) as GroupRecord;
    else if (parsed.kind === 'identity') poolOf(plain.identities, parsed.poolId)[parsed.id] = normalizeIdentity(JSON.parse(value) as IdentityRecord);
    else if (parsed.kind === 'cred') plain.credentials[parsed.id] = JSON.parse(value) as StoredCredentials;
    else if (parsed.kind === 'mail') plain.mailbox.push({ seq: parsed.seq, message: JSON.parse(value) as MailMessage });
  }
  plain.mailbox.sort((a, b) => a.seq - b.seq);
  return plain;
}

/**
 * Lays a version-1 `state.json` over what the store holds (the file wins: it
 * is only there if it was never imported, or the import was cut short) and
 * returns the records to write.
 */
export function mergeLegacy(plain: PlainState, legacy: CognitoState): StoreOp[] {
  const ops: StoreOp[] = [];
  const put = (key: string, value: unknown) => ops.push({ type: 'put', key, value: JSON.stringify(value) });
  for (const [poolId, pool] of Object.entries(legacy.userPools ?? {})) {
    for (const [username, user] of Object.entries(pool.users ?? {})) {
      poolOf(plain.users, poolId)[username] = normalizeUser(user);
      put(userKey(poolId, username), user);
    }
  }
  for (const [poolId, pool] of Object.entries(legacy.identityPools ?? {})) {
    for (const [identityId, identity] of Object.entries(pool.identities ?? {})) {
      poolOf(plain.identities, poolId)[identityId] = normalizeIdentity(identity);
      put(identityKey(poolId, identityId), identity);
    }
  }
  for (const [accessKeyId, credentials] of Object.entries(legacy.credentials ?? {})) {
    plain.credentials[accessKeyId] = credentials;
    put(credentialsKey(accessKeyId), credentials);
  }
  let seq = plain.mailbox.at(-1)?.seq ?? -1;
  for (const message of legacy.mailbox ?? []) {
    seq += 1;
    plain.mailbox.push({ seq, message });
    put(mailKey(seq), message);
  }
  return ops;
}

/**
 * Forgets what can no longer be used: sign-in sessions past their refresh
 * token's expiry, credentials a day past theirs, and mail beyond the newest
 * `mailboxLimit` messages. Returns the records to rewrite or delete.
 */
export function prune(plain: PlainState, now: number, mailboxLimit: number): StoreOp[] {
  const ops: StoreOp[] = [];
  for (const [poolId, users] of Object.entries(plain.users)) {
    for (const [username, user] of Object.entries(users)) {
      let changed = false;
      for (const [jti, session] of Object.entries(user.sessions)) {
        if (session.expiresAt <= now) {
          delete user.sessions[jti];
          changed = true;
        }
      }
      if (changed) ops.push({ type: 'put', key: userKey(poolId, username), value: JSON.stringify(user) });
    }
  }
  for (const [accessKeyId, credentials] of Object.entries(plain.credentials)) {
    if (credentials.expiresAt + EXPIRED_CREDENTIALS_KEPT_MS < now) {
      delete plain.credentials[accessKeyId];
      ops.push({ type: 'del', key: credentialsKey(accessKeyId) });
    }
  }
  const excess = plain.mailbox.length - mailboxLimit;
  if (excess > 0) for (const { seq } of plain.mailbox.splice(0, excess)) ops.push({ type: 'del', key: mailKey(seq) });
  return ops;
}
