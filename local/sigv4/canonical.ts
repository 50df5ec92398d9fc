import { createHash, createHmac } from 'node:crypto';
import { ALGORITHM } from './parse.js';

/** A request exactly as it arrived on the wire. */
export interface RawRequest {
  method: string;
  /** Path as sent, still percent-encoded, without the query. */
  rawPath: string;
  /** Query string as sent, without the `?`. */
  rawQuery: string;
  /** Node's `rawHeaders`: name, value, name, value... in arrival order. */
  rawHeaders: string[];
  body: Buffer;
}

/** RFC 3986 percent-encoding of every byte except the unreserved characters, as SigV4 asks. */
export function uriEncode(text: string, keepSlash = false): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(ch) || (keepSlash && ch === '/')) out += ch;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * Canonical URI for every service but S3: the path as sent, encoded once more.
 * Clients (the SDK's signer, Amplify's) encode the already-encoded path, so
 * `%20` on the wire is `%2520` here. Dot segments are left as they came:
 * API Gateway and Amplify do not normalise them.
 */
export function canonicalUri(rawPath: string): string {
  return uriEncode(rawPath === '' ? '/' : rawPath, true);
}

function decodeQueryPart(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

export function canonicalQuery(rawQuery: string): string {
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    pairs.push([uriEncode(decodeQueryPart(key)), uriEncode(decodeQueryPart(value))]);
  }
  pairs.sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** Values of one header in arrival order, joined by commas, each trimmed with inner runs of spaces collapsed. */
export function headerValue(rawHeaders: string[], lowerName: string): string | undefined {
  const values: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() === lowerName) values.push(rawHeaders[i + 1]!.trim().replace(/\s+/g, ' '));
  }
  return values.length === 0 ? undefined : values.join(',');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function canonicalRequest(request: RawRequest, signedHeaders: string[]): string {
  const names = [...signedHeaders].sort();
  const headers = names.map((name) => `${name}:${headerValue(request.rawHeaders, name) ?? ''}\n`).join('');
  return [
    request.method.toUpperCase(),
    canonicalUri(request.rawPath),
    canonicalQuery(request.rawQuery),
    headers,
    names.join(';'),
    // The hash of the bytes that arrived, never a hash the client claims.
    sha256Hex(request.body),
  ].join('\n');
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
}

export function signingKey(secretAccessKey: string, scopeDate: string, region: string, service: string): Buffer {
  const kDate = createHmac('sha256', `AWS4${secretAccessKey}`).update(scopeDate).digest();
  const kRegion = createHmac('sha256', kDate).update(region).digest();
  const kService = createHmac('sha256', kRegion).update(service).digest();
  return createHmac('sha256', kService).update('aws4_request').digest();
}

export function signatureOf(key: Buffer, toSign: string): string {
  return createHmac('sha256', key).update(toSign).digest('hex');
}
