/** What a service answers when something inside it failed: a fixed body that says nothing of the cause. */
export interface InternalErrorAnswer {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

/**
 * Each local service's answer to a failure of its own, in the shape its real
 * counterpart uses, for safeListener (the last line of defence: the services
 * answer their own errors first). One list, so every server gets one.
 */
export const INTERNAL_ERROR = {
  /**
   * API Gateway's built-in DEFAULT_5XX body (the gateway renders the template's
   * gateway responses itself; this is only for a failure outside that).
   */
  api: {
    status: 500,
    contentType: 'application/json',
    body: '{"message": "Internal server error"}',
    headers: { 'x-amzn-ErrorType': 'InternalServerErrorException' },
  },
  /** AWS JSON 1.1: Cognito's InternalErrorException is an HTTP 500 (CognitoIdentityProvider API reference, "Errors"). */
  cognito: {
    status: 500,
    contentType: 'application/x-amz-json-1.1',
    body: '{"__type":"InternalErrorException","message":"An internal error occurred."}',
    headers: { 'x-amzn-ErrorType': 'InternalErrorException:' },
  },
  /**
   * AWS JSON 1.0: DynamoDB's InternalServerError, HTTP 500 ("The server
   * encountered an internal error trying to fulfill the request", DynamoDB API reference, "Common errors").
   */
  dynamodb: {
    status: 500,
    contentType: 'application/x-amz-json-1.0',
    body: '{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"The server encountered an internal error trying to fulfill the request."}',
  },
  /** S3's InternalError, HTTP 500 (S3 API reference, "Error responses": "We encountered an internal error. Please try again."). */
  s3: {
    status: 500,
    contentType: 'application/xml',
    body: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message></Error>',
  },
  /** CloudFront's own error pages are plain HTML; the website's is a short page that names no cause. */
  website: {
    status: 500,
    contentType: 'text/html; charset=utf-8',
    body: '<!doctype html><meta charset="utf-8"><title>500 Internal Server Error</title><h1>500 Internal Server Error</h1><p>The local website server failed on this request; the details are in the local cloud\'s log.</p>',
  },
} as const satisfies Record<string, InternalErrorAnswer>;
