/** What a Lambda proxy integration must return for API Gateway to pass it on. */
export interface ProxyResult {
  statusCode: number;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  body: Buffer;
}

export class MalformedProxyResponseError extends Error {
  override name = 'MalformedProxyResponseError';
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * Checks a function's answer the way API Gateway does; anything else is a
 * 502 "Internal server error" for the client and a log line for the developer.
 */
export function parseProxyResult(payload: unknown): ProxyResult {
  if (!isRecord(payload)) throw new MalformedProxyResponseError(`the function returned ${payload === null ? 'null' : typeof payload}, not an object`);
  const status = payload.statusCode;
  const statusCode = typeof status === 'string' && /^\d+$/.test(status) ? Number(status) : status;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new MalformedProxyResponseError(`statusCode must be an HTTP status, got ${JSON.stringify(status)}`);
  }
  const headers: Record<string, string> = {};
  if (payload.headers !== undefined && payload.headers !== null) {
    if (!isRecord(payload.headers)) throw new MalformedProxyResponseError('headers must be an object');
    for (const [k, v] of Object.entries(payload.headers)) {
      if (!scalar(v)) throw new MalformedProxyResponseError(`header ${k} must be a string`);
      headers[k] = String(v);
    }
  }
  const multiValueHeaders: Record<string, string[]> = {};
  if (payload.multiValueHeaders !== undefined && payload.multiValueHeaders !== null) {
    if (!isRecord(payload.multiValueHeaders)) throw new MalformedProxyResponseError('multiValueHeaders must be an object');
    for (const [k, v] of Object.entries(payload.multiValueHeaders)) {
      if (!Array.isArray(v) || !v.every(scalar)) throw new MalformedProxyResponseError(`multiValueHeaders.${k} must be a list of strings`);
      multiValueHeaders[k] = v.map(String);
    }
  }
  const body = payload.body;
  if (body !== undefined && body !== null && typeof body !== 'string') {
    throw new MalformedProxyResponseError(`body must be a string, got ${typeof body} (JSON.stringify it)`);
  }
  if (payload.isBase64Encoded !== undefined && typeof payload.isBase64Encoded !== 'boolean') {
    throw new MalformedProxyResponseError('isBase64Encoded must be a boolean');
  }
  const bytes = typeof body === 'string' ? Buffer.from(body, payload.isBase64Encoded === true ? 'base64' : 'utf8') : Buffer.alloc(0);
  return { statusCode, headers, multiValueHeaders, body: bytes };
}
