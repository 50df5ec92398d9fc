/**
 * The paging parameters of GET /rides and GET /dispatch/rides, checked: `limit`
 * (1–50, default 20) and the opaque `nextToken` the previous page returned.
 *
 * A token is the last key of the previous page (base64url JSON). It is not
 * signed, so it is checked instead: exactly the key attributes of the index, all
 * strings, and bound to the list it came from. A rider's token must name the
 * caller as its `User`, so a hand-made token can only start the caller's own
 * list at another place, never page into someone else's rides.
 */
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 50;
/** Far above any real key (three short strings): a longer token is not ours. */
const MAX_TOKEN_LENGTH = 1024;

/** Why the paging parameters were refused; the message is sent to the client as is (400). */
export class InvalidPageRequestError extends Error {
  override name = 'InvalidPageRequestError';
}

/** The key attributes of a page's last item: the table's key plus the index's. */
export type PageKey = Record<string, string>;

/** Which list a token belongs to: its index's key attributes, and the partition value it must carry. */
export interface PageBinding {
  /** The index's partition key attribute (`User` or `Feed`). */
  readonly partitionKey: string;
  /** The value it must have: the caller's sub, or the feed's constant. */
  readonly partitionValue: string;
  /** The index's sort key attribute. */
  readonly sortKey: string;
  /** The table's key attribute. */
  readonly tableKey: string;
}

export interface PageRequest {
  limit: number;
  startKey?: PageKey;
}

/** `multiValueQueryStringParameters` as API Gateway sends it (null without a query string). */
export type QueryParameters = Record<string, string[] | undefined> | null | undefined;

function single(query: QueryParameters, name: string): string | undefined {
  const values = query?.[name];
  if (values === undefined || values.length === 0) return undefined;
  // API Gateway's queryStringParameters keeps only the last value; a repeated parameter is more likely a client bug than intent.
  if (values.length > 1) throw new InvalidPageRequestError(`${name} is given ${values.length} times; give it once`);
  return values[0];
}

export function parsePageRequest(query: QueryParameters, binding: PageBinding): PageRequest {
  const limitText = single(query, 'limit');
  let limit = DEFAULT_LIMIT;
  if (limitText !== undefined) {
    if (!/^\d{1,3}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > MAX_LIMIT) {
      throw new InvalidPageRequestError(`limit must be a whole number from 1 to ${MAX_LIMIT} (got "${limitText.slice(0, 20)}")`);
    }
    limit = Number(limitText);
  }
  const token = single(query, 'nextToken');
  return token === undefined ? { limit } : { limit, startKey: decodePageToken(token, binding) };
}

export function encodePageToken(key: PageKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

const BAD_TOKEN = 'nextToken is not a token this list returned; start again without it';

export function decodePageToken(token: string, binding: PageBinding): PageKey {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) throw new InvalidPageRequestError(BAD_TOKEN);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidPageRequestError(BAD_TOKEN);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidPageRequestError(BAD_TOKEN);
  const entries = Object.entries(parsed as Record<string, unknown>);
  const expected = [binding.tableKey, binding.partitionKey, binding.sortKey].sort();
  const names = entries.map(([name]) => name).sort();
  if (names.length !== expected.length || names.some((name, i) => name !== expected[i])) throw new InvalidPageRequestError(BAD_TOKEN);
  if (entries.some(([, value]) => typeof value !== 'string' || value === '' || value.length > 256)) throw new InvalidPageRequestError(BAD_TOKEN);
  const key = Object.fromEntries(entries) as PageKey;
  // Bound to its list: another rider's (or another list's) position is refused, not followed.
  if (key[binding.partitionKey] !== binding.partitionValue) throw new InvalidPageRequestError(BAD_TOKEN);
  return key;
}

/** The key of an item for the binding's index: what the next page starts after. */
export function pageKeyOf(item: Record<string, unknown>, binding: PageBinding): PageKey {
  return {
    [binding.tableKey]: String(item[binding.tableKey]),
    [binding.partitionKey]: String(item[binding.partitionKey]),
    [binding.sortKey]: String(item[binding.sortKey]),
  };
}
