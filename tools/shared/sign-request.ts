import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from './sha256.js';

/**
 * Signs a request to `url` with SigV4 (the AWS SDK's own signer) and answers the
 * headers to send: the given ones plus the signature's, without `host`, which
 * fetch sets from the URL (the same value that was signed).
 */
export async function signedHeaders(
  url: URL,
  request: { method: string; headers: Record<string, string>; body?: string | undefined },
  signing: { service: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } },
): Promise<Record<string, string>> {
  const signer = new SignatureV4({ ...signing, sha256: Sha256, applyChecksum: false });
  const query: Record<string, string> = {};
  url.searchParams.forEach((v, k) => (query[k] = v));
  const signed = await signer.sign({
    method: request.method,
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    query,
    headers: { ...request.headers, host: url.host },
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  const headers = { ...(signed.headers as Record<string, string>) };
  delete headers.host;
  return headers;
}
