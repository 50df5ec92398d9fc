import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amplifyRider } from '../support/amplify.js';
import { configureAmplify } from '../support/amplify.js';
import { removeAssemblies, startTestCloud, synthFor, type TestCloud } from '../support/cloud.js';

/**
 * The local S3 with the real @aws-sdk/client-s3 and @aws-sdk/s3-request-presigner, signed with two
 * riders' identity-pool credentials (from Amplify's own sign-in) and the local admin key, against
 * the riders' bucket and the grants of the synthesized template (lib/rider-files.ts).
 */
let t: TestCloud;
let bucket: string;
type Rider = { identityId: string; s3: S3Client };
let ana: Rider;
let ben: Rider;
let admin: S3Client;
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from('a tiny unicorn'), 0xff, 0xd9]);

function client(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, extra: Record<string, unknown> = {}) {
  return new S3Client({ region: t.out.Region!, endpoint: t.out.S3Endpoint!, forcePathStyle: true, credentials, maxAttempts: 1, ...extra });
}

async function refused(call: Promise<unknown>, code: string, status: number): Promise<S3ServiceException> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(S3ServiceException);
  const e = err as S3ServiceException;
  expect(e.name).toBe(code);
  expect(e.$metadata.httpStatusCode).toBe(status);
  return e;
}

beforeAll(async () => {
  t = await startTestCloud('cognito', await synthFor('cognito'));
  bucket = t.out.RiderFilesBucket!;
  configureAmplify(t.out);
  const a = await amplifyRider(t.out);
  ana = { identityId: a.identityId!, s3: client(a.credentials!) };
  const b = await amplifyRider(t.out);
  ben = { identityId: b.identityId!, s3: client(b.credentials!) };
  admin = client(t.cloud.adminCredentials);
}, 60_000);
afterAll(async () => {
  await t?.close();
  removeAssemblies();
});

describe("a rider's own files", () => {
  it('puts, reads, heads and lists their private photo; the bytes are on disk under the data folder', async () => {
    const key = `private/${ana.identityId}/photo.jpg`;
    const put = await ana.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: JPEG, ContentType: 'image/jpeg', Metadata: { unicorn: 'shadowfax' } }));
    expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    const got = await ana.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(JPEG);
    expect(got.ContentType).toBe('image/jpeg');
    expect(got.Metadata).toEqual({ unicorn: 'shadowfax' });
    const head = await ana.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head.ContentLength).toBe(JPEG.length);
    const list = await ana.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `private/${ana.identityId}/` }));
    expect(list.Contents?.map((o) => o.Key)).toEqual([key]);
  });

  it('uploads a stream (aws-chunked, STREAMING-UNSIGNED-PAYLOAD-TRAILER with a CRC32 trailer) and a range of it comes back', async () => {
    const key = `protected/${ana.identityId}/photo.jpg`;
    await ana.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Readable.from([JPEG.subarray(0, 5), JPEG.subarray(5)]), ContentLength: JPEG.length, ContentType: 'image/jpeg' }));
    const part = await ana.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: 'bytes=4-9' }));
    expect(part.ContentRange).toBe(`bytes 4-9/${JPEG.length}`);
    expect(Buffer.from(await part.Body!.transformToByteArray())).toEqual(JPEG.subarray(4, 10));
  });

  it('answers a conditional GET with 304 and a stale If-Match with 412', async () => {
    const key = `protected/${ana.identityId}/photo.jpg`;
    const { ETag } = await ana.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    const notModified = await ana.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, IfNoneMatch: ETag })).catch((e: S3ServiceException) => e);
    expect((notModified as S3ServiceException).$metadata.httpStatusCode).toBe(304);
    await refused(ana.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, IfMatch: '"0000"' })), 'PreconditionFailed', 412);
  });
});

describe("another rider's files, as the policy variable decides", () => {
  it("reads another rider's protected photo", async () => {
    const got = await ben.s3.send(new GetObjectCommand({ Bucket: bucket, Key: `protected/${ana.identityId}/photo.jpg` }));
    expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(JPEG);
  });

  it("is refused reading, overwriting, deleting and listing another rider's private files, and writing their protected ones", async () => {
    const theirs = `private/${ana.identityId}/photo.jpg`;
    const denied = await refused(ben.s3.send(new GetObjectCommand({ Bucket: bucket, Key: theirs })), 'AccessDenied', 403);
    expect(denied.message).toBe(
      `User: arn:aws:sts::${t.out.AccountId ?? denied.message.split(':')[5]}:assumed-role/${denied.message.split('assumed-role/')[1]!.split('/')[0]}/CognitoIdentityCredentials is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::${bucket}/${theirs}" because no identity-based policy allows the s3:GetObject action`,
    );
    await refused(ben.s3.send(new PutObjectCommand({ Bucket: bucket, Key: theirs, Body: 'overwritten' })), 'AccessDenied', 403);
    await refused(ben.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: theirs })), 'AccessDenied', 403);
    await refused(ben.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `private/${ana.identityId}/` })), 'AccessDenied', 403);
    await refused(ben.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'private/' })), 'AccessDenied', 403);
    await refused(ben.s3.send(new ListObjectsV2Command({ Bucket: bucket })), 'AccessDenied', 403);
    await refused(ben.s3.send(new PutObjectCommand({ Bucket: bucket, Key: `protected/${ana.identityId}/photo.jpg`, Body: 'defaced' })), 'AccessDenied', 403);
    // Nothing was changed: the owner still reads the original bytes.
    const still = await ana.s3.send(new GetObjectCommand({ Bucket: bucket, Key: theirs }));
    expect(Buffer.from(await still.Body!.transformToByteArray())).toEqual(JPEG);
    expect(t.logLines.some((l) => l.includes('s3: GET') && l.includes('AccessDenied'))).toBe(true);
  });

  it('a missing key is AccessDenied for a rider (no s3:ListBucket on the bucket) and NoSuchKey for the admin', async () => {
    await refused(ana.s3.send(new GetObjectCommand({ Bucket: bucket, Key: `private/${ana.identityId}/nothing.jpg` })), 'AccessDenied', 403);
    const missing = await refused(admin.send(new GetObjectCommand({ Bucket: bucket, Key: 'private/nobody/nothing.jpg' })), 'NoSuchKey', 404);
    expect(missing.message).toBe('The specified key does not exist.');
  });

  it('the local admin may do anything, as a developer’s own credentials would', async () => {
    const list = await admin.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'private/', Delimiter: '/' }));
    expect(list.CommonPrefixes?.map((p) => p.Prefix)).toContain(`private/${ana.identityId}/`);
    await refused(admin.send(new ListObjectsV2Command({ Bucket: 'no-such-bucket-here' })), 'NoSuchBucket', 404);
  });
});

describe('presigned URLs (what Amplify getUrl returns)', () => {
  const key = () => `protected/${ana.identityId}/photo.jpg`;

  it('a presigned GET serves the photo to a plain fetch, and Ben can presign Ana’s protected photo', async () => {
    for (const rider of [ana, ben]) {
      const url = await getSignedUrl(rider.s3, new GetObjectCommand({ Bucket: bucket, Key: key() }), { expiresIn: 60 });
      const r = await fetch(url);
      expect(r.status).toBe(200);
      expect(Buffer.from(await r.arrayBuffer())).toEqual(JPEG);
    }
  });

  it('a presigned URL of another rider’s private photo is refused', async () => {
    const url = await getSignedUrl(ben.s3, new GetObjectCommand({ Bucket: bucket, Key: `private/${ana.identityId}/photo.jpg` }), { expiresIn: 60 });
    const r = await fetch(url);
    expect(r.status).toBe(403);
    expect(await r.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('an expired URL: 403 AccessDenied "Request has expired"', async () => {
    const url = await getSignedUrl(ana.s3, new GetObjectCommand({ Bucket: bucket, Key: key() }), { expiresIn: 60, signingDate: new Date(Date.now() - 120_000) });
    const r = await fetch(url);
    expect(r.status).toBe(403);
    const body = await r.text();
    expect(body).toContain('<Code>AccessDenied</Code><Message>Request has expired</Message><X-Amz-Expires>60</X-Amz-Expires>');
  });

  it('a tampered URL (another key, or a changed signature) is SignatureDoesNotMatch', async () => {
    const url = await getSignedUrl(ben.s3, new GetObjectCommand({ Bucket: bucket, Key: `protected/${ben.identityId}/photo.jpg` }), { expiresIn: 60 });
    const otherKey = url.replace(encodeURIComponent(ben.identityId), encodeURIComponent(ana.identityId)).replace(`/${ben.identityId}/`, `/${ana.identityId}/`);
    expect(otherKey).not.toBe(url);
    const r = await fetch(otherKey);
    expect(r.status).toBe(403);
    expect(await r.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    const flipped = url.replace(/X-Amz-Signature=([0-9a-f])/, (_m, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`);
    expect((await fetch(flipped)).status).toBe(403);
  });

  it('a presigned URL longer than a week is AuthorizationQueryParametersError', async () => {
    const url = await getSignedUrl(ana.s3, new GetObjectCommand({ Bucket: bucket, Key: key() }), { expiresIn: 60 });
    const r = await fetch(url.replace('X-Amz-Expires=60', 'X-Amz-Expires=604801'));
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('<Code>AuthorizationQueryParametersError</Code>');
  });
});

describe('signatures and S3 errors', () => {
  it('an unsigned request is AccessDenied; an unknown key InvalidAccessKeyId; a wrong secret SignatureDoesNotMatch', async () => {
    const unsigned = await fetch(`${t.out.S3Endpoint}/${bucket}/protected/${ana.identityId}/photo.jpg`);
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>AccessDenied<\/Code><Message>Access Denied<\/Message><RequestId>[0-9A-F]{16}<\/RequestId>/);
    await refused(client({ accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x' }).send(new ListObjectsV2Command({ Bucket: bucket })), 'InvalidAccessKeyId', 403);
    await refused(client({ ...t.cloud.adminCredentials, secretAccessKey: 'wrong' }).send(new ListObjectsV2Command({ Bucket: bucket })), 'SignatureDoesNotMatch', 403);
  });

  it('a clock 20 minutes off is RequestTimeTooSkewed (S3 allows 15)', async () => {
    await refused(client(t.cloud.adminCredentials, { systemClockOffset: -20 * 60 * 1000 }).send(new ListObjectsV2Command({ Bucket: bucket })), 'RequestTimeTooSkewed', 403);
  });

  it('a body that is not what x-amz-content-sha256 says is XAmzContentSHA256Mismatch; a wrong Content-MD5 BadDigest', async () => {
    const s3 = client(t.cloud.adminCredentials);
    s3.middlewareStack.add((next) => async (args: any) => {
      if (args.request?.body === 'honest') args.request.body = 'HONEST';
      return next(args);
    }, { step: 'finalizeRequest', priority: 'low' });
    await refused(s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'x', Body: 'honest' })), 'XAmzContentSHA256Mismatch', 400);
    await refused(admin.send(new PutObjectCommand({ Bucket: bucket, Key: 'x', Body: 'abc', ContentMD5: Buffer.alloc(16).toString('base64') })), 'BadDigest', 400);
  });

  it('what is not served is refused by name (NotImplemented), and a wrong method MethodNotAllowed', async () => {
    const s3 = client(t.cloud.adminCredentials);
    const { CreateMultipartUploadCommand, CopyObjectCommand } = await import('@aws-sdk/client-s3');
    await refused(s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'big' })), 'NotImplemented', 501);
    await refused(s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'copy', CopySource: `${bucket}/x` })), 'NotImplemented', 501);
  });
});

describe("profile attributes, written with the rider's own access token (Amplify updateUserAttributes)", () => {
  it('saves name and custom:favourite_unicorn; refuses an undeclared custom attribute and one the client may not write', async () => {
    // Amplify is signed in as the last rider made in beforeAll (Ben).
    const { updateUserAttributes, fetchUserAttributes } = await import('aws-amplify/auth');
    await updateUserAttributes({ userAttributes: { name: 'Ben Rider', 'custom:favourite_unicorn': 'Shadowfax' } });
    expect(await fetchUserAttributes()).toMatchObject({ name: 'Ben Rider', 'custom:favourite_unicorn': 'Shadowfax' });
    const undeclared = await updateUserAttributes({ userAttributes: { 'custom:horn_length': '3' } }).catch((e: Error) => e);
    expect((undeclared as Error).name).toBe('InvalidParameterException');
    expect((undeclared as Error).message).toContain('user.custom:horn_length: Attribute does not exist in the schema.');
    const notWritable = await updateUserAttributes({ userAttributes: { email_verified: 'true' } }).catch((e: Error) => e);
    expect((notWritable as Error).name).toBe('NotAuthorizedException');
    const tooLong = await updateUserAttributes({ userAttributes: { 'custom:favourite_unicorn': 'x'.repeat(33) } }).catch((e: Error) => e);
    expect((tooLong as Error).name).toBe('InvalidParameterException');
  });
});

describe('CORS from the template', () => {
  it("answers a preflight from the website's origin with the rule's methods and headers, and refuses another origin", async () => {
    const url = `${t.out.S3Endpoint}/${bucket}/protected/x/photo.jpg`;
    const ok = await fetch(url, { method: 'OPTIONS', headers: { origin: t.cloud.urls.website, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization,x-amz-date,x-amz-content-sha256,x-amz-security-token,content-type' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(t.cloud.urls.website);
    expect(ok.headers.get('access-control-allow-methods')).toBe('GET, HEAD, PUT, POST, DELETE');
    expect(ok.headers.get('access-control-expose-headers')).toContain('ETag');
    const evil = await fetch(url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(evil.status).toBe(403);
    expect(await evil.text()).toContain('<Code>AccessForbidden</Code><Message>CORSResponse: This CORS request is not allowed.');
    const badHeader = await fetch(url, { method: 'OPTIONS', headers: { origin: t.cloud.urls.website, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'x-not-allowed' } });
    expect(badHeader.status).toBe(403);
  });
});
