/**
 * What a profile photo may be, shared by the stack's documentation, the website's check before
 * sending, and the tests. No CDK import: the website bundles it.
 *
 * IAM cannot enforce either rule on s3:PutObject: the S3 service authorization reference lists no
 * condition key for an object's Content-Type or size on PutObject (size can only be bounded in a
 * presigned POST policy, `content-length-range`, which Amplify's uploadData does not use). So the
 * website checks before it sends; the IAM policy limits who writes where, not what.
 */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;

/** Amplify Storage v6's layout: `protected/<identityId>/…` is readable by every signed-in rider, written by its owner. */
export const photoPath = (identityId: string) => `protected/${identityId}/profile-photo`;

/** Why a file cannot be a profile photo, in words for the rider; undefined when it can. */
export function photoProblem(file: { type: string; size: number }): string | undefined {
  if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) return 'Choose a JPEG, PNG, WebP or GIF image.';
  if (file.size === 0) return 'That file is empty.';
  if (file.size > MAX_PHOTO_BYTES) return `That photo is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is 5 MB.`;
  return undefined;
}
