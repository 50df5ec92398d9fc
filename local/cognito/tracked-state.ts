/**
 * Dirty tracking for Cognito's state, so that `commit()` writes only the
 * records that changed and its callers need not say which.
 *
 * The state is a handful of record maps (users per pool, identities per pool,
 * issued credentials) and the mailbox. Each record map is a Proxy over a
 * null-prototype object; each record it hands out is a Proxy too, and so is
 * every object or array reached from a record (`user.sessions`,
 * `user.codesSentAt`, …). Any set, delete or defineProperty through those
 * proxies, at any depth, records the top-level record's store key in the
 * `Dirty` set. `commit()` then reads the current value of each dirty record
 * (undefined: the record was deleted), writes them in one batch and clears
 * the set: a write costs O(records changed), whatever the state's size.
 *
 * What is stored is always the plain object, never a proxy: values assigned
 * through a proxy are unwrapped (deeply, for a new record built from pieces
 * of others), so serializing a record is a plain JSON.stringify.
 *
 * The one thing not tracked: a mutation through a reference to a record's
 * plain object kept from before it was put in the map (`const user = {…};
 * users[name] = user;`) after the commit that follows. Assigning marks the
 * record dirty and it is serialized at commit time, so changes made before
 * that commit are kept; actions read records back from the state for any
 * later change, as they already do.
 */

/** Store key → how to read the record's current value (undefined once it is deleted). */
export type Dirty = Map<string, () => unknown>;

type Mark = () => void;

/** proxy → the plain object behind it. */
const rawOf = new WeakMap<object, object>();
/** plain object → its proxy, per owning record (a nested object belongs to one record). */
const proxyOf = new WeakMap<object, { mark: Mark; owner: string; proxy: object }>();

function isPlain(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The plain value to store: proxies replaced by their plain objects, at any depth. */
export function unwrap<T>(value: T, seen = new Set<object>()): T {
  if (!isPlain(value)) return value;
  const raw = rawOf.get(value);
  if (raw) return raw as T;
  if (seen.has(value)) return value;
  seen.add(value);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const child = record[key];
    if (isPlain(child)) {
      const plain = unwrap(child, seen);
      if (plain !== child) record[key] = plain;
    }
  }
  return value;
}

/**
 * The tracking proxy of a value read from a record (a primitive as it is).
 * Reads are the hot path (a sign-in scans every user of its pool), so the
 * cached proxy is looked up before anything else.
 */
function nested<T>(value: T, owner: string, mark: Mark): T {
  if (typeof value !== 'object' || value === null) return value;
  const cached = proxyOf.get(value);
  if (cached !== undefined && cached.mark === mark) return cached.proxy as T;
  if (!isPlain(value)) return value;
  const proxy = new Proxy(value, {
    get(target, prop) {
      return nested((target as Record<string | symbol, unknown>)[prop], owner, mark);
    },
    set(target, prop, v) {
      const ok = Reflect.set(target, prop, unwrap(v), target);
      mark();
      return ok;
    },
    deleteProperty(target, prop) {
      const ok = Reflect.deleteProperty(target, prop);
      mark();
      return ok;
    },
    defineProperty(target, prop, descriptor) {
      const ok = Reflect.defineProperty(target, prop, 'value' in descriptor ? { ...descriptor, value: unwrap(descriptor.value as unknown) } : descriptor);
      mark();
      return ok;
    },
  });
  rawOf.set(proxy, value);
  proxyOf.set(value, { mark, owner, proxy });
  return proxy;
}

/**
 * A record map whose changes land in `dirty` under `prefix + key`. `raw` must
 * be a null-prototype object, so a key from a request (`__proto__`,
 * `constructor`) finds nothing and can be stored like any other.
 */
export function trackedRecords<T>(raw: Record<string, T>, prefix: string, dirty: Dirty): Record<string, T> {
  if (Object.getPrototypeOf(raw) !== null) throw new TypeError('trackedRecords needs a null-prototype map');
  const marks = new Map<string, Mark>();
  const markOf = (key: string): Mark => {
    let mark = marks.get(key);
    if (!mark) {
      const storeKey = prefix + key;
      const read = () => (Object.hasOwn(raw, key) ? raw[key] : undefined);
      mark = () => void dirty.set(storeKey, read);
      marks.set(key, mark);
    }
    return mark;
  };
  const proxy = new Proxy(raw, {
    get(target, prop) {
      if (typeof prop !== 'string') return Reflect.get(target, prop, target) as unknown;
      // The target has no prototype: a missing key (even `__proto__`) is undefined.
      const value = target[prop];
      if (value === undefined) return undefined;
      return nested(value, prefix + prop, markOf(prop));
    },
    set(target, prop, value) {
      if (typeof prop !== 'string') return false;
      target[prop] = unwrap(value as T);
      markOf(prop)();
      return true;
    },
    deleteProperty(target, prop) {
      if (typeof prop !== 'string') return false;
      if (Object.hasOwn(target, prop)) {
        delete target[prop];
        markOf(prop)();
        marks.delete(prop);
      }
      return true;
    },
    defineProperty() {
      // Only plain assignment is tracked; nothing in Cognito defines properties on a record map.
      return false;
    },
  });
  rawOf.set(proxy, raw);
  return proxy;
}

/** An array whose set/delete (push, splice, shift…) raise `onChange`; its elements are returned as they are. */
export function trackedList<T>(raw: T[], onChange: () => void): T[] {
  const proxy = new Proxy(raw, {
    set(target, prop, value) {
      const ok = Reflect.set(target, prop, unwrap(value as unknown), target);
      onChange();
      return ok;
    },
    deleteProperty(target, prop) {
      const ok = Reflect.deleteProperty(target, prop);
      onChange();
      return ok;
    },
  });
  rawOf.set(proxy, raw);
  return proxy;
}
