import { SignatureV4 } from '@smithy/signature-v4';
import { readResponse } from '../../support/read-response.js';
import { Sha256 } from './sha256.js';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignedCall {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string;
}

/** Signs a call to the API with the AWS SDK's own signer, exactly as a client would send it. */
export async function signCall(
  apiUrl: string,
  path: string,
  credentials: Credentials,
  options: { body?: string; method?: string; headers?: Record<string, string>; date?: Date; region?: string } = {},
): Promise<SignedCall> {
  const url = new URL(path, apiUrl);
  const body = options.body ?? '';
  const signer = new SignatureV4({ service: 'execute-api', region: options.region ?? 'us-east-1', credentials, sha256: Sha256, applyChecksum: false });
  const query: Record<string, string> = {};
  url.searchParams.forEach((v, k) => (query[k] = v));
  const signed = await signer.sign(
    {
      method: options.method ?? 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query,
      headers: { host: url.host, 'content-type': 'application/json', ...(options.headers ?? {}) },
      body,
    },
    options.date ? { signingDate: options.date } : {},
  );
  return { url, method: signed.method, headers: signed.headers as Record<string, string>, body };
}

/** Sends a signed call, optionally changed on the way (what an attacker or a rewriting proxy would do). */
export async function send(call: SignedCall, change: Partial<Pick<SignedCall, 'body' | 'headers'>> & { url?: string } = {}) {
  const headers = { ...call.headers, ...(change.headers ?? {}) };
  delete headers.host; // fetch sets Host itself, from the URL
  const body = change.body ?? call.body;
  // fetch refuses any body on GET and HEAD, even an empty one.
  const sendsBody = !(call.method === 'GET' || call.method === 'HEAD') || body !== '';
  return readResponse(await fetch(change.url ?? call.url, { method: call.method, headers, ...(sendsBody ? { body } : {}) }));
}
