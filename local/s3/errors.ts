import { randomBytes } from 'node:crypto';
import { element, XML_DECLARATION, type XmlElement } from './xml.js';

/**
 * S3's errors, each with the code, HTTP status and message the real service
 * sends (S3 API reference, "Error responses" → "List of error codes"). The
 * body is S3's `<Error>` document: Code, Message, the code's own details
 * (Key, BucketName, …), RequestId and HostId.
 */
export class S3Error extends Error {
  override name = 'S3Error';
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    /** The elements S3 adds for this code, in its order (e.g. `['Key', key]`). */
    readonly details: XmlElement[] = [],
    /** Extra response headers (e.g. `Allow` on 405, `x-amz-bucket-region`). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** An id shaped like S3's x-amz-request-id (16 upper-case hex characters). */
export function requestId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}

export function errorBody(err: S3Error, id: string): string {
  const parts: XmlElement[] = [['Code', err.code], ['Message', err.message], ...err.details, ['RequestId', id], ['HostId', randomBytes(24).toString('base64')]];
  return XML_DECLARATION + element('Error', parts);
}

export const accessDenied = (message = 'Access Denied') => new S3Error('AccessDenied', 403, message);
export const noSuchBucket = (bucket: string) => new S3Error('NoSuchBucket', 404, 'The specified bucket does not exist', [['BucketName', bucket]]);
export const noSuchKey = (key: string) => new S3Error('NoSuchKey', 404, 'The specified key does not exist.', [['Key', key]]);
export const methodNotAllowed = (method: string, resourceType: 'OBJECT' | 'BUCKET' | 'SERVICE', allow: string) =>
  new S3Error('MethodNotAllowed', 405, 'The specified method is not allowed against this resource.', [['Method', method], ['ResourceType', resourceType]], { Allow: allow });
export const notImplemented = (header?: string) =>
  new S3Error('NotImplemented', 501, 'A header you provided implies functionality that is not implemented', header ? [['Header', header]] : []);
