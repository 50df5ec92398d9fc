import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { fail, pass, type Checkpoint, type CheckResult } from '../checkpoint.js';

const BODY = 'written by npm run checkpoint -- 7\n';

/** What an S3 call came to: `ok`, or the error's name and status as the SDK reports them. */
async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (err) {
    if (err instanceof S3ServiceException) return `${err.name} (${err.$metadata.httpStatusCode ?? '?'})`;
    return (err as Error).message;
  }
}

/**
 * Module 7: each rider's files under their own identity id. Two probe riders' identity-pool
 * credentials sign the real S3 client against the bucket the outputs name: the first may write
 * and read `private/<own identity id>/…`; the second is refused (403 AccessDenied) both there,
 * since the role's grants name `${cognito-identity.amazonaws.com:sub}`, not a wildcard.
 */
export const riderPhotos: Checkpoint = {
  module: '7',
  title: 'Rider photos: S3 with each rider confined to their own prefix',
  async run(probe) {
    const { outputs, region } = probe.target;
    const bucket = outputs.RiderFilesBucket;
    const endpoint = outputs.S3Endpoint;
    const outputsWhat = 'the outputs name the riders\' bucket (RiderFilesBucket) and the local S3 (S3Endpoint)';
    if (!bucket || !endpoint) {
      return [fail(outputsWhat, `RiderFilesBucket ${bucket ?? 'missing'}, S3Endpoint ${endpoint ?? 'missing'}`, 'Start this version of the app again (`npm start`): it has the bucket (lib/rider-files.ts) and the local S3.')];
    }
    const results: CheckResult[] = [pass(outputsWhat)];
    // The identity pool's expiration is a string here; the S3 client wants only the key, secret and token.
    const client = ({ accessKeyId, secretAccessKey, sessionToken }: { accessKeyId: string; secretAccessKey: string; sessionToken: string }) =>
      new S3Client({ region, endpoint, forcePathStyle: true, credentials: { accessKeyId, secretAccessKey, sessionToken }, maxAttempts: 1 });

    const ana = await probe.credentials((await probe.rider()).idToken);
    const ben = await probe.credentials((await probe.newRider()).idToken);
    const anaS3 = client(ana.credentials);
    const benS3 = client(ben.credentials);
    const key = `private/${ana.identityId}/checkpoint.txt`;
    try {
      const put = await outcome(anaS3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: BODY, ContentType: 'text/plain' })));
      const putWhat = `a rider puts an object under their own prefix (PutObject private/<their identity id>/checkpoint.txt)`;
      if (put !== 'ok') {
        results.push(fail(putWhat, put, "The riders' role must allow s3:PutObject on private/${cognito-identity.amazonaws.com:sub}/* of the bucket (lib/rider-files.ts)."));
        return results;
      }
      results.push(pass(putWhat));
      let read = 'ok';
      try {
        const got = await anaS3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        const text = await got.Body!.transformToString();
        if (text !== BODY) read = `got other bytes: ${JSON.stringify(text.slice(0, 60))}`;
      } catch (err) {
        read = await outcome(Promise.reject(err));
      }
      results.push(read === 'ok' ? pass('the rider reads it back (GetObject), the same bytes') : fail('the rider reads it back (GetObject), the same bytes', read, "The riders' role must allow s3:GetObject on their own private/ prefix."));

      const otherRead = await outcome(benS3.send(new GetObjectCommand({ Bucket: bucket, Key: key })));
      results.push(
        otherRead === 'AccessDenied (403)'
          ? pass("another rider is refused the first rider's private object (GetObject: 403 AccessDenied)")
          : fail("another rider is refused the first rider's private object (GetObject: 403 AccessDenied)", otherRead, 'Grant private/${cognito-identity.amazonaws.com:sub}/*, never private/*: the policy variable confines each rider to their own identity id.'),
      );
      const otherKey = `private/${ana.identityId}/from-someone-else.txt`;
      const otherWrite = await outcome(benS3.send(new PutObjectCommand({ Bucket: bucket, Key: otherKey, Body: BODY })));
      results.push(
        otherWrite === 'AccessDenied (403)'
          ? pass("another rider is refused writing under the first rider's private prefix (PutObject: 403 AccessDenied)")
          : fail("another rider is refused writing under the first rider's private prefix (PutObject: 403 AccessDenied)", otherWrite, 'Grant private/${cognito-identity.amazonaws.com:sub}/*, never private/*.'),
      );
      if (otherWrite === 'ok') await outcome(benS3.send(new DeleteObjectCommand({ Bucket: bucket, Key: otherKey })));
    } finally {
      // The probe's object goes again (the rider's own DeleteObject; nothing if the put failed).
      await outcome(anaS3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })));
      anaS3.destroy();
      benS3.destroy();
    }
    return results;
  },
};
