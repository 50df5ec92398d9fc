import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from './errors.js';
import type { ObjectMeta } from './store.js';

/** Response headers of GetObject/HeadObject for an object (and the `response-*` overrides of a signed request). */
export function objectHeaders(meta: ObjectMeta, query: URLSearchParams): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': query.get('response-content-type') ?? meta.contentType,
    ETag: meta.etag,
    'Last-Modified': new Date(meta.lastModified).toUTCString(),
    'Accept-Ranges': 'bytes',
  };
  const cache = query.get('response-cache-control') ?? meta.cacheControl;
  if (cache) headers['Cache-Control'] = cache;
  const disposition = query.get('response-content-disposition') ?? meta.contentDisposition;
  if (disposition) headers['Content-Disposition'] = disposition;
  for (const [name, value] of Object.entries(meta.metadata)) headers[`x-amz-meta-${name}`] = value;
  return headers;
}

/**
 * GetObject's conditional headers, in the order and with the answers of RFC 7232 §6 as S3 applies
 * them: If-Match (412), If-Unmodified-Since (412, ignored when If-Match is present), If-None-Match
 * (304), If-Modified-Since (304, ignored when If-None-Match is present). Returns 304, or throws 412.
 */
export function checkConditions(meta: ObjectMeta, headers: IncomingHttpHeaders): 304 | undefined {
  const modified = Math.floor(new Date(meta.lastModified).getTime() / 1000);
  const etagIn = (list: string) => list.split(',').map((e) => e.trim()).some((e) => e === '*' || e === meta.etag || `"${e}"` === meta.etag);
  const date = (text: string | undefined) => {
    const t = text === undefined ? NaN : Date.parse(text);
    return Number.isNaN(t) ? undefined : Math.floor(t / 1000);
  };
  const ifMatch = headers['if-match'];
  if (ifMatch !== undefined && !etagIn(ifMatch)) throw preconditionFailed('If-Match');
  const unmodifiedSince = date(headers['if-unmodified-since']);
  if (ifMatch === undefined && unmodifiedSince !== undefined && modified > unmodifiedSince) throw preconditionFailed('If-Unmodified-Since');
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined && etagIn(ifNoneMatch)) return 304;
  const modifiedSince = date(headers['if-modified-since']);
  if (ifNoneMatch === undefined && modifiedSince !== undefined && modified <= modifiedSince) return 304;
  return undefined;
}

const preconditionFailed = (condition: string) =>
  new S3Error('PreconditionFailed', 412, 'At least one of the pre-conditions you specified did not hold', [['Condition', condition]]);

/**
 * A single `Range: bytes=…` (first-last, first-, -suffix) as S3 serves it: 206 with Content-Range;
 * a range beyond the object is 416 InvalidRange; a malformed or multi-range header is ignored and
 * the whole object served, as S3 does.
 */
export function rangeOf(header: string | undefined, size: number): { start: number; end: number } | undefined {
  if (header === undefined) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) throw invalidRange(header, size);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (m[2] !== '' && Number(m[2]) < start) return undefined;
  }
  if (start >= size) throw invalidRange(header, size);
  return { start, end };
}

const invalidRange = (requested: string, size: number) =>
  new S3Error('InvalidRange', 416, 'The requested range is not satisfiable', [['RangeRequested', requested], ['ActualObjectSize', size]], { 'Content-Range': `bytes */${size}` });

/** Content-MD5, when sent, must be the base64 MD5 of the bytes (InvalidDigest when malformed, BadDigest when different). */
export function checkContentMd5(header: string | undefined, body: Buffer): void {
  if (header === undefined) return;
  const raw = Buffer.from(header, 'base64');
  if (raw.length !== 16) throw new S3Error('InvalidDigest', 400, 'The Content-MD5 you specified was invalid.', [['Content-MD5', header]]);
  if (!raw.equals(createHash('md5').update(body).digest())) {
    throw new S3Error('BadDigest', 400, 'The Content-MD5 you specified did not match what we received.', [['ExpectedDigest', header]]);
  }
}

/** `x-amz-meta-*` request headers as stored metadata (names lower-cased, without the prefix). */
export function userMetadata(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-amz-meta-') && typeof value === 'string') out[name.slice('x-amz-meta-'.length)] = value;
  }
  return { ...out };
}
