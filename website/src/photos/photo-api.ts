/**
 * Profile photos through Amplify Storage v6: `uploadData` and `getUrl` with the path form
 * `({ identityId }) => …`, so the key is always under the signed-in rider's own identity id, the
 * prefix the IAM policy variable `${cognito-identity.amazonaws.com:sub}` allows.
 */
import { getUrl, uploadData } from 'aws-amplify/storage';
import { photoPath, photoProblem } from '../../../lib/rider-photo-rules';
import { toLocalS3 } from './s3-tap';

export { photoProblem };

/** Amplify's `customEndpoint` for the local S3 (host and port, no scheme), from config.json's s3Endpoint. */
export function customEndpointFor(s3Endpoint: string | undefined): string | undefined {
  return s3Endpoint ? `localhost:${new URL(s3Endpoint).port}` : undefined;
}

export async function uploadPhoto(file: File, s3Endpoint: string | undefined, onProgress: (fraction: number) => void): Promise<void> {
  const problem = photoProblem(file);
  if (problem) throw new Error(problem);
  const customEndpoint = customEndpointFor(s3Endpoint);
  await uploadData({
    path: ({ identityId }) => photoPath(identityId!),
    data: file,
    options: {
      contentType: file.type,
      onProgress: ({ transferredBytes, totalBytes }) => onProgress(totalBytes ? transferredBytes / totalBytes : 0),
      ...(customEndpoint ? { customEndpoint } : {}),
    },
  }).result;
}

/** A presigned URL of a rider's photo (15 minutes); the object may not exist (the <img> then fails). */
export async function photoUrl(identityId: string, s3Endpoint: string | undefined): Promise<string> {
  const customEndpoint = customEndpointFor(s3Endpoint);
  const { url } = await getUrl({ path: photoPath(identityId), options: { expiresIn: 900, ...(customEndpoint ? { customEndpoint } : {}) } });
  return toLocalS3(url.toString());
}

/** S3's and Amplify's errors in words for a rider. */
export function photoErrorMessage(err: unknown): string {
  const name = (err as { name?: string })?.name;
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'AccessDenied') return 'S3 refused the upload: your credentials may only write under your own identity. Sign in again and retry.';
  if (name === 'NoCredentials' || name === 'NoIdentityId') return 'No AWS credentials for this session. Sign in again to upload a photo.';
  if (/network|Failed to fetch/i.test(message)) return 'The photo could not reach storage (network error). Check your connection and try again.';
  return message;
}

/** A one-pixel write to a path given as a string (the profile page's policy check: another rider's folder). */
export async function uploadToPath(path: string, s3Endpoint: string | undefined): Promise<void> {
  const customEndpoint = customEndpointFor(s3Endpoint);
  await uploadData({ path, data: new Blob(['not yours'], { type: 'text/plain' }), options: { contentType: 'text/plain', ...(customEndpoint ? { customEndpoint } : {}) } }).result;
}
