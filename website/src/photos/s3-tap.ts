/**
 * What Amplify Storage sends to S3, for the request inspector, and (local cloud only) the one
 * adjustment the local S3 needs.
 *
 * Amplify Storage v6 uploads with XMLHttpRequest (for progress) and reaches a custom endpoint only
 * as `https://<bucket>.<customEndpoint>` (its endpoint resolver refuses a scheme in
 * `customEndpoint`, and its `dangerouslyConnectToHttpEndpointForTesting` switch points at a fixed
 * port). The local S3 speaks plain HTTP on `localhost:PORT`, which browsers resolve for every
 * `*.localhost` name. So, when config.json names a local S3, requests to
 * `https://<bucket>.localhost:PORT/` go to `http://` instead: the scheme is not part of a SigV4
 * signature (host, path, query and headers are), so the signature Amplify made still holds.
 */

export interface S3Call {
  method: string;
  /** The object key (or `?list` query) the request names. */
  key: string;
  /** SignedHeaders of the Authorization header (or X-Amz-SignedHeaders of a presigned URL). */
  signedHeaders: string[];
  /** The credential scope's access key id, to show whose credentials signed it. */
  accessKeyId: string | undefined;
  status: number | undefined;
}

type Listener = (call: S3Call) => void;
const listeners = new Set<Listener>();
export function onS3Call(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

let localHost: string | undefined;
let bucketName: string | undefined;

/** `https://b.localhost:4566/k` → `http://b.localhost:4566/k` for the local S3; anything else unchanged. */
export function toLocalS3(url: string): string {
  if (!localHost) return url;
  try {
    const u = new URL(url);
    if (u.protocol === 'https:' && u.host.endsWith(`.${localHost}`)) {
      u.protocol = 'http:';
      return u.toString();
    }
  } catch {
    /* not a URL */
  }
  return url;
}

function isS3(url: string): boolean {
  if (!bucketName) return false;
  try {
    const host = new URL(url).host;
    return host.startsWith(`${bucketName}.`);
  } catch {
    return false;
  }
}

function describe(method: string, url: string, headers: Record<string, string>, status: number | undefined): S3Call {
  const u = new URL(url);
  const auth = headers.authorization ?? '';
  const signed = /SignedHeaders=([^,\s]+)/.exec(auth)?.[1] ?? u.searchParams.get('X-Amz-SignedHeaders') ?? '';
  const credential = /Credential=([^/,\s]+)/.exec(auth)?.[1] ?? u.searchParams.get('X-Amz-Credential')?.split('/')[0];
  const key = decodeURIComponent(u.pathname.slice(1)) || (u.searchParams.has('list-type') ? `?prefix=${u.searchParams.get('prefix') ?? ''}` : '/');
  return { method, key, signedHeaders: signed ? signed.split(';') : [], accessKeyId: credential, status };
}

/**
 * Installs the tap once: XMLHttpRequest (uploads) and fetch (everything else Amplify sends to S3).
 * `s3Endpoint` is config.json's local S3 (`http://127.0.0.1:PORT`), absent for a deployed stack.
 */
let installed = false;
export function installS3Tap(bucket: string, s3Endpoint: string | undefined): void {
  bucketName = bucket;
  localHost = s3Endpoint ? `localhost:${new URL(s3Endpoint).port}` : undefined;
  if (installed || typeof window === 'undefined') return;
  installed = true;

  const XHR = window.XMLHttpRequest.prototype;
  const open = XHR.open;
  const setHeader = XHR.setRequestHeader;
  const sendXhr = XHR.send;
  type Tapped = XMLHttpRequest & { __s3?: { method: string; url: string; headers: Record<string, string> } };
  XHR.open = function (this: Tapped, method: string, url: string | URL, ...rest: unknown[]) {
    const href = String(url);
    if (isS3(href)) this.__s3 = { method: method.toUpperCase(), url: href, headers: {} };
    return (open as (...a: unknown[]) => void).call(this, method, toLocalS3(href), ...(rest.length ? rest : [true]));
  } as typeof XHR.open;
  XHR.setRequestHeader = function (this: Tapped, name: string, value: string) {
    if (this.__s3) this.__s3.headers[name.toLowerCase()] = value;
    return setHeader.call(this, name, value);
  };
  XHR.send = function (this: Tapped, body?: Document | XMLHttpRequestBodyInit | null) {
    const tapped = this.__s3;
    if (tapped) this.addEventListener('loadend', () => listeners.forEach((l) => l(describe(tapped.method, tapped.url, tapped.headers, this.status || undefined))));
    return sendXhr.call(this, body);
  };

  const originalFetch = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!isS3(url)) return originalFetch(input, init);
    const headers: Record<string, string> = {};
    new Headers(input instanceof Request ? input.headers : undefined).forEach((v, k) => (headers[k] = v));
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const target = toLocalS3(url);
    const response = await originalFetch(input instanceof Request ? new Request(target, input) : target, init);
    listeners.forEach((l) => l(describe(method, url, headers, response.status)));
    return response;
  };
}
