import { chmodSync, mkdirSync } from 'node:fs';
import { ClassicLevel } from 'classic-level';
import { LocalCloudError } from '../errors.js';

/**
 * Cognito's records in an embedded LevelDB (`<dataDir>/cognito/state.db/`),
 * one key per record, the value its JSON:
 *
 *   user/<userPoolId>/<username>          a UserRecord
 *   group/<userPoolId>/<groupName>        a GroupRecord (CreateGroup)
 *   identity/<identityPoolId>/<identityId> an IdentityRecord
 *   cred/<accessKeyId>                    StoredCredentials
 *   mail/<seq, 16 digits>                 a MailMessage (digits keep them in order)
 *   meta/format                           "1": the layout of these keys
 *
 * Pool ids never contain '/', so the first '/' after the pool id ends it;
 * usernames and identity ids may contain anything.
 */
export const STORE_FORMAT = '1';

export type StoreOp = { type: 'put'; key: string; value: string } | { type: 'del'; key: string };

/**
 * The data folder's Cognito state was written by another version of this
 * Cognito (a legacy `state.json` version, or a store layout) that this one
 * cannot read; refused at start rather than read wrongly.
 */
export class CognitoStateVersionError extends LocalCloudError {
  override name = 'CognitoStateVersionError';
}

export const userKey = (poolId: string, username: string) => `user/${poolId}/${username}`;
export const identityKey = (poolId: string, identityId: string) => `identity/${poolId}/${identityId}`;
export const credentialsKey = (accessKeyId: string) => `cred/${accessKeyId}`;
export const mailKey = (seq: number) => `mail/${String(seq).padStart(16, '0')}`;

export type ParsedKey =
  | { kind: 'user' | 'identity' | 'group'; poolId: string; id: string }
  | { kind: 'cred'; id: string }
  | { kind: 'mail'; seq: number }
  | { kind: 'meta'; id: string };

export function parseKey(key: string): ParsedKey | undefined {
  const slash = key.indexOf('/');
  if (slash < 0) return undefined;
  const kind = key.slice(0, slash);
  const rest = key.slice(slash + 1);
  if (kind === 'user' || kind === 'identity' || kind === 'group') {
    const end = rest.indexOf('/');
    return end < 1 ? undefined : { kind, poolId: rest.slice(0, end), id: rest.slice(end + 1) };
  }
  if (kind === 'cred' || kind === 'meta') return { kind, id: rest };
  if (kind === 'mail' && /^\d{16}$/.test(rest)) return { kind, seq: Number(rest) };
  return undefined;
}

/**
 * Writes in order, one LevelDB batch at a time, each with `sync: true` (LevelDB
 * fsyncs its log before the batch counts as written). Commits made while a
 * batch is on its way are gathered into the next one (a key changed twice
 * keeps its latest value), so a burst of requests costs one fsync per batch,
 * not one per request. `flushed()` settles when everything queued so far is
 * on disk, or rejects if that batch failed.
 */
export class RecordStore {
  private pending = new Map<string, StoreOp>();
  /** The batch that will carry `pending`, once the one on its way is done. */
  private next: { promise: Promise<void>; resolve: () => void; reject: (err: unknown) => void } | undefined;
  /** The batch on its way (or the last one). */
  private current: Promise<void> = Promise.resolve();

  private constructor(private readonly db: ClassicLevel<string, string>) {}

  static async open(location: string): Promise<RecordStore> {
    // LevelDB creates its files with the process umask; an owner-only folder keeps them private.
    mkdirSync(location, { recursive: true, mode: 0o700 });
    chmodSync(location, 0o700);
    const db = new ClassicLevel<string, string>(location, { keyEncoding: 'utf8', valueEncoding: 'utf8' });
    await db.open();
    const store = new RecordStore(db);
    const format = await db.get('meta/format');
    if (format !== undefined && format !== STORE_FORMAT) {
      await db.close();
      throw new CognitoStateVersionError(`${location} has layout ${format}; this Cognito reads layout ${STORE_FORMAT}`);
    }
    if (format === undefined) await db.put('meta/format', STORE_FORMAT, { sync: true });
    return store;
  }

  /** Every record, in key order. */
  async all(): Promise<[string, string][]> {
    return this.db.iterator().all();
  }

  /** Queues operations for the next batch. */
  write(ops: Iterable<StoreOp>): void {
    let any = false;
    for (const op of ops) {
      this.pending.set(op.key, op);
      any = true;
    }
    if (!any || this.next) return;
    let resolve!: () => void;
    let reject!: (err: unknown) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A failed batch is reported to whoever awaits flushed(); nobody waiting is no crash.
    promise.catch(() => {});
    this.next = { promise, resolve, reject };
    const run = () => this.run();
    void this.current.then(run, run);
  }

  private async run(): Promise<void> {
    const batch = this.next!;
    const ops = this.pending;
    this.next = undefined;
    this.pending = new Map();
    this.current = batch.promise;
    try {
      await this.db.batch([...ops.values()], { sync: true });
      batch.resolve();
    } catch (err) {
      // Keep what failed for the next batch, unless a newer value replaced it.
      for (const [key, op] of ops) if (!this.pending.has(key)) this.pending.set(key, op);
      // Those who waited for this batch hear of the failure; later requests that
      // committed nothing need not (the kept operations go with the next batch).
      this.current = Promise.resolve();
      batch.reject(err);
    }
  }

  /** Settles when every operation queued so far is on disk. */
  flushed(): Promise<void> {
    return this.next?.promise ?? this.current;
  }

  async close(): Promise<void> {
    try {
      await this.flushed();
    } finally {
      await this.db.close();
    }
  }
}
