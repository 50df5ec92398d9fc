import { createHash } from 'node:crypto';
import { IncompleteSignatureError } from './errors.js';

export const ALGORITHM = 'AWS4-HMAC-SHA256';

export interface ParsedAuthorization {
  accessKeyId: string;
  /** YYYYMMDD of the credential scope. */
  scopeDate: string;
  region: string;
  service: string;
  terminator: string;
  /** Lower-case names, in the order the client listed them. */
  signedHeaders: string[];
  signature: string;
}

/**
 * Reads a SigV4 `Authorization` header. A header that is not one (a bearer
 * token, a bare JWT) is refused with the message API Gateway gives, so a
 * client that sent the wrong kind of credential sees what is missing.
 */
export function parseAuthorization(header: string, hasDateHeader: boolean): ParsedAuthorization {
  const trimmed = header.trim();
  const space = trimmed.search(/\s/);
  const algorithm = space === -1 ? trimmed : trimmed.slice(0, space);
  const rest = space === -1 ? '' : trimmed.slice(space + 1).trim();

  const params = new Map<string, string>();
  if (rest !== '') {
    for (const part of rest.split(',')) {
      const pair = part.trim();
      const eq = pair.indexOf('=');
      if (eq === -1) {
        const hashed = createHash('sha256').update(header).digest('base64');
        throw new IncompleteSignatureError(
          `Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '${hashed}'.`,
        );
      }
      params.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  const missing: string[] = [];
  for (const name of ['Credential', 'Signature', 'SignedHeaders']) {
    if (!params.get(name)) missing.push(`Authorization header requires '${name}' parameter.`);
  }
  if (!hasDateHeader) missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  if (missing.length > 0) throw new IncompleteSignatureError(`${missing.join(' ')} Authorization=${header}`);

  if (algorithm !== ALGORITHM) throw new IncompleteSignatureError(`Unsupported Authorization Type`);

  const credential = params.get('Credential')!.split('/');
  if (credential.length !== 5 || credential.some((p) => p === '')) {
    throw new IncompleteSignatureError(
      `Credential should be of the form <access key>/<date>/<region>/<service>/aws4_request, got '${params.get('Credential')}'.`,
    );
  }
  const [accessKeyId, scopeDate, region, service, terminator] = credential as [string, string, string, string, string];
  return {
    accessKeyId,
    scopeDate,
    region,
    service,
    terminator,
    signedHeaders: params.get('SignedHeaders')!.split(';').map((h) => h.trim().toLowerCase()),
    signature: params.get('Signature')!,
  };
}

/** `20261121T233311Z` → a Date, or undefined when the text is not that shape. */
export function parseAmzDate(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
