import { S3Error } from './errors.js';
import type { ObjectMeta } from './store.js';
import { element, S3_NAMESPACE, XML_DECLARATION, type XmlElement } from './xml.js';

/** ListObjectsV2's query (S3 API reference, ListObjectsV2): prefix, delimiter, max-keys, start-after, continuation-token, encoding-type. */
export interface ListQuery {
  prefix: string;
  delimiter: string | undefined;
  maxKeys: number;
  startAfter: string | undefined;
  continuationToken: string | undefined;
  encodingType: 'url' | undefined;
  fetchOwner: boolean;
}

export function parseListQuery(query: URLSearchParams): ListQuery {
  const maxKeysText = query.get('max-keys');
  const maxKeys = maxKeysText === null ? 1000 : /^\d+$/.test(maxKeysText) ? Math.min(Number(maxKeysText), 1000) : NaN;
  if (Number.isNaN(maxKeys)) {
    throw new S3Error('InvalidArgument', 400, 'Provided max-keys not an integer or within integer range', [['ArgumentName', 'max-keys'], ['ArgumentValue', maxKeysText!]]);
  }
  const encoding = query.get('encoding-type');
  if (encoding !== null && encoding !== 'url') {
    throw new S3Error('InvalidArgument', 400, 'Invalid Encoding Method specified in Request', [['ArgumentName', 'encoding-type'], ['ArgumentValue', encoding]]);
  }
  return {
    prefix: query.get('prefix') ?? '',
    delimiter: query.get('delimiter') || undefined,
    maxKeys,
    startAfter: query.get('start-after') ?? undefined,
    continuationToken: query.get('continuation-token') ?? undefined,
    encodingType: encoding === 'url' ? 'url' : undefined,
    fetchOwner: query.get('fetch-owner') === 'true',
  };
}

/** The ListBucketResult document, keys and prefixes grouped and paged as S3 does. */
export function listResult(bucket: string, objects: ObjectMeta[], q: ListQuery): string {
  let after = q.startAfter;
  if (q.continuationToken !== undefined) {
    try {
      after = Buffer.from(q.continuationToken, 'base64url').toString('utf8');
    } catch {
      after = undefined;
    }
    if (!after) throw new S3Error('InvalidArgument', 400, 'The continuation token provided is incorrect', [['ArgumentName', 'continuation-token']]);
  }
  const enc = (s: string) => (q.encodingType === 'url' ? encodeURIComponent(s).replace(/%2F/g, '/') : s);
  const contents: XmlElement[] = [];
  const prefixes: string[] = [];
  let count = 0;
  let truncated = false;
  let last: string | undefined;
  for (const o of objects) {
    if (!o.key.startsWith(q.prefix)) continue;
    if (after !== undefined && Buffer.compare(Buffer.from(o.key), Buffer.from(after)) <= 0) continue;
    let common: string | undefined;
    if (q.delimiter) {
      const at = o.key.indexOf(q.delimiter, q.prefix.length);
      if (at !== -1) common = o.key.slice(0, at + q.delimiter.length);
    }
    if (common !== undefined && prefixes.includes(common)) {
      last = o.key;
      continue;
    }
    if (count === q.maxKeys) {
      truncated = true;
      break;
    }
    count++;
    last = o.key;
    if (common !== undefined) prefixes.push(common);
    else {
      contents.push([
        'Contents',
        [
          ['Key', enc(o.key)],
          ['LastModified', o.lastModified],
          ['ETag', o.etag],
          ['Size', o.size],
          ['StorageClass', 'STANDARD'],
        ],
      ]);
    }
  }
  const parts: XmlElement[] = [
    ['Name', bucket],
    ['Prefix', enc(q.prefix)],
    ...(q.delimiter ? ([['Delimiter', enc(q.delimiter)]] as XmlElement[]) : []),
    ['MaxKeys', q.maxKeys],
    ...(q.encodingType ? ([['EncodingType', 'url']] as XmlElement[]) : []),
    ['KeyCount', count],
    ['IsTruncated', truncated],
    ...(q.continuationToken !== undefined ? ([['ContinuationToken', q.continuationToken]] as XmlElement[]) : []),
    ...(truncated && last !== undefined ? ([['NextContinuationToken', Buffer.from(last).toString('base64url')]] as XmlElement[]) : []),
    ...(q.startAfter !== undefined ? ([['StartAfter', enc(q.startAfter)]] as XmlElement[]) : []),
    ...contents,
    ...prefixes.map((p): XmlElement => ['CommonPrefixes', [['Prefix', enc(p)]]]),
  ];
  return XML_DECLARATION + element('ListBucketResult', parts).replace('<ListBucketResult>', `<ListBucketResult xmlns="${S3_NAMESPACE}">`);
}
