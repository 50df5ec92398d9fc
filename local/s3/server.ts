import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authorizeCaller, callerContext, type Caller, type CallerLookup } from '../callers.js';
import { readBodyUpTo } from '../http/body.js';
import { rawRequestOf } from '../http/raw-request.js';
import { verifyS3Request } from '../sigv4/index.js';
import type { LocalStack } from '../template/index.js';
import { bucketsFromStack, type LocalBucket } from './buckets.js';
import { corsHeaders, preflight } from './cors.js';
import { S3Error, accessDenied, errorBody, methodNotAllowed, noSuchBucket, noSuchKey, notImplemented, requestId } from './errors.js';
import { listResult, parseListQuery } from './list.js';
import { checkConditions, checkContentMd5, objectHeaders, rangeOf, userMetadata } from './objects.js';
import { routeOf } from './route.js';
import { openObjectStore } from './store.js';

/**
 * The local limit of one PutObject. S3 takes up to 5 GB in one PUT; this cloud keeps a request in
 * memory to verify its signature and hash, so it refuses more than this with S3's EntityTooLarge
 * (the photos the website sends are capped at 5 MB).
 */
export const MAX_LOCAL_OBJECT_BYTES = 64 * 1024 * 1024;

export interface S3ServerOptions {
  stack: LocalStack;
  lookup: CallerLookup;
  /** Objects live under this folder (`<dataDir>/s3`). */
  root: string;
  /** Host names the endpoint is reached by (e.g. 127.0.0.1, localhost): what is left of a Host is the bucket. */
  endpointHosts: readonly string[];
  /** The local website's origins, standing in for the CloudFront distribution in the buckets' CORS rules. */
  websiteOrigins: () => string[];
  log: (line: string) => void;
}

/** Query parameters of a presigned or signed object request that are no subresource. */
const PLAIN_PARAMS = /^(x-id|x-amz-checksum-mode|response-[a-z-]+|X-Amz-[A-Za-z0-9-]+)$/;

/**
 * The local S3: the template's buckets, objects on disk, and S3's own answers. Every request but a
 * CORS preflight must be SigV4-signed (header or presigned query, sigv4/s3.ts) by a known caller,
 * and a role session must be allowed the action on the object or bucket ARN by its role's
 * policies, with policy variables and condition keys (`${cognito-identity.amazonaws.com:sub}`,
 * `${aws:userid}`, `s3:prefix`, `aws:SecureTransport`…), and not denied by the bucket policy.
 * The local admin may do anything. What S3 offers beyond what the website and the workshop use
 * (multipart, versions, ACLs, copies, the bucket subresources) is refused by name: NotImplemented.
 */
export function createS3Handler(options: S3ServerOptions) {
  const { stack } = options;
  const buckets = bucketsFromStack(stack, options.websiteOrigins);
  const store = openObjectStore(options.root);

  const send = (res: ServerResponse, status: number, headers: Record<string, string>, body?: Buffer | string, head = false) => {
    const data = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(body);
    res.writeHead(status, { ...headers, 'Content-Length': String(data.length) });
    res.end(head ? undefined : data);
  };

  const authorize = (caller: Caller, bucket: LocalBucket, action: string, resource: string, extra: Record<string, string | null>, request: { authType: string; contentSha256: string; sourceIp: string }) => {
    const context = {
      ...callerContext(caller),
      // Every local endpoint is plain HTTP on this machine; the deployed bucket refuses anything but
      // TLS (its bucket policy). Locally the connection counts as secure, or nothing would pass.
      'aws:SecureTransport': 'true',
      'aws:SourceIp': request.sourceIp,
      's3:authType': request.authType,
      's3:signatureversion': 'AWS4-HMAC-SHA256',
      's3:x-amz-content-sha256': request.contentSha256,
      's3:prefix': null,
      's3:delimiter': null,
      's3:max-keys': null,
      ...extra,
    };
    const decision = authorizeCaller(stack, caller, action, [resource], context, bucket.denies);
    if (!decision.allowed) {
      // S3 quotes the resource in its message (same-account denials name the principal and the reason).
      throw accessDenied(decision.message.replace(`on resource: ${resource} `, `on resource: "${resource}" `));
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, id: string): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = rawRequestOf(req, Buffer.alloc(0));
    const target = routeOf(req.headers.host, raw.rawPath, options.endpointHosts);
    const query = new URLSearchParams(raw.rawQuery);
    const bucket = target.bucket === undefined ? undefined : buckets.get(target.bucket);
    const origin = req.headers.origin;
    const base: Record<string, string> = { 'x-amz-request-id': id, 'x-amz-id-2': randomBytes(24).toString('base64'), Server: 'AmazonS3' };
    const cors = () => (bucket ? corsHeaders(bucket.cors, origin, method) : {});

    if (method === 'OPTIONS') {
      if (!bucket) throw target.bucket === undefined ? methodNotAllowed('OPTIONS', 'SERVICE', 'GET') : noSuchBucket(target.bucket);
      return send(res, 200, { ...base, ...preflight(bucket.cors, req.headers) });
    }

    const body = await readBodyUpTo(req, MAX_LOCAL_OBJECT_BYTES + 64 * 1024);
    const declared = Number(req.headers['x-amz-decoded-content-length'] ?? req.headers['content-length'] ?? body.length);
    if (body.length > MAX_LOCAL_OBJECT_BYTES + 64 * 1024 || declared > MAX_LOCAL_OBJECT_BYTES) {
      throw new S3Error('EntityTooLarge', 400, 'Your proposed upload exceeds the maximum allowed size', [['ProposedSize', declared], ['MaxSizeAllowed', MAX_LOCAL_OBJECT_BYTES]]);
    }
    const verified = verifyS3Request({ request: { ...raw, body }, region: stack.region, now: new Date(), lookup: options.lookup });
    const caller = verified.identity;
    const request = { authType: verified.authType, contentSha256: verified.contentSha256, sourceIp: req.socket.remoteAddress ?? '' };

    if (target.bucket === undefined) throw notImplemented();
    if (!bucket) throw noSuchBucket(target.bucket);
    const subresources = [...query.keys()].filter((k) => !PLAIN_PARAMS.test(k));

    if (target.key === undefined) {
      // Bucket operations: ListObjectsV2 and HeadBucket.
      if (method === 'GET' && query.get('list-type') === '2' && subresources.every((k) => ['list-type', 'prefix', 'delimiter', 'max-keys', 'start-after', 'continuation-token', 'encoding-type', 'fetch-owner'].includes(k))) {
        const list = parseListQuery(query);
        authorize(caller, bucket, 's3:ListBucket', bucket.arn, { 's3:prefix': query.get('prefix'), 's3:delimiter': query.get('delimiter'), 's3:max-keys': query.get('max-keys') }, request);
        return send(res, 200, { ...base, ...cors(), 'Content-Type': 'application/xml' }, listResult(bucket.name, store.list(bucket.name), list));
      }
      if (method === 'HEAD' && subresources.length === 0) {
        authorize(caller, bucket, 's3:ListBucket', bucket.arn, {}, request);
        return send(res, 200, { ...base, ...cors(), 'x-amz-bucket-region': stack.region }, undefined, true);
      }
      throw notImplemented();
    }

    const key = target.key;
    if (Buffer.byteLength(key) > 1024) throw new S3Error('KeyTooLongError', 400, 'Your key is too long', [['MaxSizeAllowed', 1024], ['Size', Buffer.byteLength(key)]]);
    const objectArn = `${bucket.arn}/${key}`;
    if (subresources.length > 0 || req.headers['x-amz-copy-source'] !== undefined) throw notImplemented(req.headers['x-amz-copy-source'] !== undefined ? 'x-amz-copy-source' : undefined);

    switch (method) {
      case 'GET':
      case 'HEAD': {
        authorize(caller, bucket, 's3:GetObject', objectArn, {}, request);
        const found = method === 'HEAD' ? store.head(bucket.name, key) : store.read(bucket.name, key);
        if (!found) {
          // Without s3:ListBucket S3 does not say whether a key exists: 403 instead of 404 (S3 API reference, GetObject, "Permissions").
          if (caller.kind !== 'admin') {
            const list = authorizeCaller(stack, caller, 's3:ListBucket', [bucket.arn], { ...callerContext(caller), 'aws:SecureTransport': 'true', 's3:prefix': null }, bucket.denies);
            if (!list.allowed) throw accessDenied();
          }
          throw noSuchKey(key);
        }
        const meta = 'meta' in found ? found.meta : found;
        const headers = { ...base, ...cors(), ...objectHeaders(meta, query) };
        if (checkConditions(meta, req.headers) === 304) {
          res.writeHead(304, { ...base, ...cors(), ETag: meta.etag, 'Last-Modified': headers['Last-Modified']! });
          return void res.end();
        }
        const range = rangeOf(req.headers.range, meta.size);
        const bytes = 'body' in found ? found.body : undefined;
        if (range) {
          headers['Content-Range'] = `bytes ${range.start}-${range.end}/${meta.size}`;
          if (method === 'HEAD') return send(res, 206, { ...headers }, Buffer.alloc(range.end - range.start + 1), true);
          return send(res, 206, headers, bytes!.subarray(range.start, range.end + 1));
        }
        if (method === 'HEAD') return send(res, 200, headers, Buffer.alloc(meta.size), true);
        return send(res, 200, headers, bytes);
      }
      case 'PUT': {
        authorize(caller, bucket, 's3:PutObject', objectArn, {}, request);
        checkContentMd5(req.headers['content-md5'] as string | undefined, verified.payload);
        const meta = store.put(bucket.name, key, verified.payload, {
          contentType: req.headers['content-type'] ?? 'binary/octet-stream',
          ...(req.headers['cache-control'] ? { cacheControl: req.headers['cache-control'] } : {}),
          ...(req.headers['content-disposition'] ? { contentDisposition: req.headers['content-disposition'] } : {}),
          metadata: userMetadata(req.headers),
        });
        return send(res, 200, { ...base, ...cors(), ETag: meta.etag });
      }
      case 'DELETE': {
        authorize(caller, bucket, 's3:DeleteObject', objectArn, {}, request);
        store.delete(bucket.name, key);
        return send(res, 204, { ...base, ...cors() });
      }
      case 'POST':
        // CreateMultipartUpload (?uploads) and the other multipart calls: not served here.
        throw notImplemented();
      default:
        throw methodNotAllowed(method, 'OBJECT', 'GET, HEAD, PUT, DELETE');
    }
  };

  /** For safeListener: S3's own errors become its XML answers; anything else is its 500. */
  const listener = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const id = requestId();
    try {
      await handle(req, res, id);
    } catch (err) {
      if (!(err instanceof S3Error)) throw err;
      const target = routeOf(req.headers.host, (req.url ?? '/').split('?')[0]!, options.endpointHosts);
      const bucket = target.bucket === undefined ? undefined : buckets.get(target.bucket);
      options.log(`s3: ${req.method} ${(req.url ?? '').split('?')[0]!.slice(0, 200)} refused: ${err.code}${err.code === 'AccessDenied' ? ` (${err.message})` : ''}`);
      const headers = {
        'x-amz-request-id': id,
        'x-amz-id-2': randomBytes(24).toString('base64'),
        Server: 'AmazonS3',
        ...(bucket && req.method !== 'OPTIONS' ? corsHeaders(bucket.cors, req.headers.origin, (req.method ?? 'GET').toUpperCase()) : {}),
        ...err.headers,
        'Content-Type': 'application/xml',
      };
      // A HEAD answer has no body: S3 sends the status alone.
      send(res, err.status, headers, errorBody(err, id), req.method === 'HEAD');
    }
  };

  return { listener, buckets };
}
